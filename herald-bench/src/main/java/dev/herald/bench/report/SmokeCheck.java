package dev.herald.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a smoke run must show whatever the machine's load: every expected (target, case) result is there, and for the
 * targets held to it every subscriber connected, every publish was acknowledged, nothing was lost, duplicated or
 * misrouted, and every stream dropped by a reconnect storm caught up. Speed and latency are not judged: they depend
 * on the machine.
 */
public final class SmokeCheck {

    private SmokeCheck() {}

    /** The problems found; empty when the run passes. */
    public static List<String> problems(List<ScenarioResult> results, List<String> cases, List<String> present,
                                        List<String> strict) {
        List<String> problems = new ArrayList<>();
        for (String caseName : cases) {
            for (String target : present) {
                if (results.stream().noneMatch(r -> r.caseName().equals(caseName) && r.target().equals(target))) {
                    problems.add(target + " / " + caseName + ": no result");
                }
            }
        }
        for (ScenarioResult r : results) {
            if (strict.contains(r.target()) && cases.contains(r.caseName())) {
                strictProblems(r).forEach(p -> problems.add(r.target() + " / " + r.caseName() + ": " + p));
            }
        }
        return problems;
    }

    private static List<String> strictProblems(ScenarioResult r) {
        List<String> p = new ArrayList<>();
        var c = r.connections();
        if (c.connected() != c.requested()) {
            p.add(String.format(Locale.ROOT, "%d of %d subscribers connected (last error: %s)", c.connected(),
                    c.requested(), c.lastError()));
        }
        if (c.unexpectedCloses() > 0) {
            p.add(c.unexpectedCloses() + " unexpected stream closes");
        }
        if (!r.scenario().equals("idle")) {
            if (r.publishing().published() == 0 || r.publishing().failed() > 0) {
                p.add(r.publishing().published() + " publishes acknowledged, " + r.publishing().failed() + " failed");
            }
            var d = r.delivery();
            if (d.lost() > 0 || d.duplicated() > 0 || d.misrouted() > 0) {
                p.add(d.lost() + " lost, " + d.duplicated() + " duplicated, " + d.misrouted() + " misrouted");
            }
            if (d.deliveries() == 0) {
                p.add("no deliveries");
            }
        }
        if (r.storm() != null && (r.storm().dropped() == 0 || r.storm().notCaughtUp() > 0)) {
            p.add(r.storm().dropped() + " streams dropped, " + r.storm().notCaughtUp() + " never caught up");
        }
        return p;
    }
}
