package dev.herald.bench.scenario;

import dev.herald.bench.coord.PlannedEvents;
import dev.herald.bench.coord.PublishOutcome;
import dev.herald.bench.payload.WallClock;
import dev.herald.bench.report.ScenarioResult;
import dev.herald.bench.track.Expectation;
import java.util.Arrays;

/**
 * Targeted: N users, each subscribed to their own stream; events go to one random user each, at {@code --rate} for
 * {@code --duration} seconds. Each user must get exactly their events, in full, and nobody else's.
 */
public record TargetedScenario() implements Scenario {
    @Override
    public ScenarioResult run(Session s) {
        var o = s.options();
        s.connect();
        s.warmup();
        var plan = new PlannedEvents.Targeted(o.connections());
        long publishStart = WallClock.micros();
        PublishOutcome out = s.publish(plan, o.rate(), 0, o.durationSeconds());
        int[] assigned = plan.assigned();
        long failed = out.failedKeys().size();
        s.drain(Arrays.stream(assigned).asLongStream().sum() - failed, false);
        long[] failedKeys = out.failedKeys().stream().mapToLong(Long::longValue).toArray();
        return s.finish(new Expectation.PerConnection(publishStart, 0, assigned, failedKeys), out);
    }
}
