package dev.herald.bench.scenario;

import dev.herald.bench.report.ScenarioResult;
import java.util.List;

/** A load pattern run against one server. */
public sealed interface Scenario permits IdleScenario, BroadcastScenario, TargetedScenario, ReconnectStormScenario {

    List<String> NAMES = List.of("idle", "broadcast", "targeted", "reconnect-storm");

    ScenarioResult run(Session session);

    static Scenario named(String name) {
        return switch (name) {
            case "idle" -> new IdleScenario();
            case "broadcast" -> new BroadcastScenario();
            case "targeted" -> new TargetedScenario();
            case "reconnect-storm" -> new ReconnectStormScenario();
            default -> throw new IllegalArgumentException("unknown scenario " + name + "; one of " + NAMES);
        };
    }
}
