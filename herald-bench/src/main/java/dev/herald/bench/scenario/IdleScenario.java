package dev.herald.bench.scenario;

import dev.herald.bench.report.ScenarioResult;
import dev.herald.bench.track.Expectation;

/**
 * Idle: open N subscriptions, hold them for {@code --hold} seconds. Measures how fast the server accepts them and
 * what each one costs it in memory (VmRSS after − before, divided by N).
 */
public record IdleScenario() implements Scenario {
    @Override
    public ScenarioResult run(Session s) {
        s.connect();
        s.hold(s.options().holdSeconds());
        return s.finish(new Expectation.Nothing(), null);
    }
}
