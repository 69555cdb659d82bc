package dev.herald.bench.scenario;

import dev.herald.bench.coord.PlannedEvents;
import dev.herald.bench.coord.PublishOutcome;
import dev.herald.bench.payload.WallClock;
import dev.herald.bench.report.ScenarioResult;
import dev.herald.bench.track.Expectation;

/**
 * Broadcast: N subscribers on one topic, K events published at {@code --rate} (0 = saturated: as fast as the server
 * acknowledges, {@code --publish-concurrency} in flight). Every subscriber must get every event exactly once.
 */
public record BroadcastScenario() implements Scenario {
    @Override
    public ScenarioResult run(Session s) {
        var o = s.options();
        s.connect();
        s.warmup();
        int subscribers = s.streamedSoFar();
        long publishStart = WallClock.micros();
        PublishOutcome out = s.publish(new PlannedEvents.Broadcast(), o.rate(), o.events(), 0);
        s.drain((long) subscribers * out.acked(), false);
        int[] failed = out.failedKeys().stream().mapToInt(Long::intValue).toArray();
        return s.finish(new Expectation.Everyone(publishStart, (int) out.sent(), failed, out.broadcastSendMicros()), out);
    }
}
