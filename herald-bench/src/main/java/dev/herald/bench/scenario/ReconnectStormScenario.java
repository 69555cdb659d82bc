package dev.herald.bench.scenario;

import dev.herald.bench.coord.PlannedEvents;
import dev.herald.bench.coord.PublishOutcome;
import dev.herald.bench.payload.WallClock;
import dev.herald.bench.report.ScenarioResult;
import dev.herald.bench.track.Expectation;
import java.util.concurrent.CompletableFuture;

/**
 * Reconnect storm: N subscribers on one topic, events at {@code --rate} for {@code --duration} seconds; at
 * {@code --storm-at} seconds a {@code --storm-fraction} of them drop their stream and reconnect within
 * {@code --storm-spread} ms, with Last-Event-ID. Measures for every dropped subscriber the time from its reconnect until
 * it held every event published before that reconnect ({@link dev.herald.bench.track.CatchUp}), counts those that never
 * did, and checks nobody lost or got twice any event. With {@code --warmup-storms} the server first lives through
 * that many unmeasured storms, as a hub that has run for a while has.
 */
public record ReconnectStormScenario() implements Scenario {
    @Override
    public ScenarioResult run(Session s) {
        var o = s.options();
        s.connect();
        s.warmup();
        s.warmupStorms(o.rate(), o.stormSpreadMillis());
        int subscribers = s.streamedSoFar();
        long publishStart = WallClock.micros();
        CompletableFuture<PublishOutcome> publishing = CompletableFuture.supplyAsync(
                () -> s.publish(new PlannedEvents.Broadcast(), o.rate(), 0, o.durationSeconds()),
                r -> Thread.ofVirtual().name("storm-publisher").start(r));
        Session.sleep((long) (o.stormAtSeconds() * 1000));
        s.drop(o.stormFraction(), o.stormSpreadMillis());
        PublishOutcome out = publishing.join();
        s.drain((long) subscribers * out.acked(), true);
        int[] failed = out.failedKeys().stream().mapToInt(Long::intValue).toArray();
        return s.finish(new Expectation.Everyone(publishStart, (int) out.sent(), failed, out.broadcastSendMicros()), out);
    }
}
