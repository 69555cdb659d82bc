package dev.herald.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One row of the result tables: a label, how to read it from a {@link ScenarioResult}, which direction is better, and
 * the scenarios where it means something.
 */
public record Figure(String label, Function<ScenarioResult, Number> value, Better better, Set<String> scenarios) {

    /** Which way is better; ZERO: must be zero (no ratio), NEITHER: context only (no ratio). */
    public enum Better { HIGHER, LOWER, ZERO, NEITHER }

    private static final Set<String> ALL = Set.of("idle", "broadcast", "targeted", "reconnect-storm");
    private static final Set<String> PUBLISHING = Set.of("broadcast", "targeted", "reconnect-storm");
    private static final Set<String> STORM = Set.of("reconnect-storm");

    public static final List<Figure> ALL_FIGURES = List.of(
            new Figure("subscribers connected", r -> r.connections().connected(), Better.HIGHER, ALL),
            new Figure("subscribers not connected (refused, timed out, non-200)",
                    r -> r.connections().requested() - r.connections().connected(), Better.ZERO, ALL),
            new Figure("connect rate (conn/s)", r -> r.connections().connectsPerSecond(), Better.HIGHER, ALL),
            new Figure("server RSS per connection (KiB)", r -> r.resources().serverKbPerConnection(), Better.LOWER, ALL),
            new Figure("server RSS at end (MiB)", r -> mib(r.resources().serverRssAfterKb()), Better.LOWER, ALL),
            new Figure("events published (2xx)", r -> r.publishing().published(), Better.HIGHER, PUBLISHING),
            new Figure("publish failures", r -> r.publishing().failed(), Better.ZERO, PUBLISHING),
            new Figure("publish rate (ev/s)", r -> r.publishing().perSecond(), Better.HIGHER, PUBLISHING),
            new Figure("publish ack p99 (ms)", r -> r.publishing().ackLatency().p99Ms(), Better.LOWER, PUBLISHING),
            new Figure("deliveries", r -> r.delivery().deliveries(), Better.HIGHER, PUBLISHING),
            new Figure("deliveries/s", r -> r.delivery().perSecond(), Better.HIGHER, PUBLISHING),
            new Figure("latency p50 (ms)", r -> r.delivery().latency().p50Ms(), Better.LOWER, PUBLISHING),
            new Figure("latency p99 (ms)", r -> r.delivery().latency().p99Ms(), Better.LOWER, PUBLISHING),
            new Figure("latency p99.9 (ms)", r -> r.delivery().latency().p999Ms(), Better.LOWER, PUBLISHING),
            new Figure("latency max (ms)", r -> r.delivery().latency().maxMs(), Better.LOWER, PUBLISHING),
            new Figure("lost events", r -> r.delivery().lost(), Better.ZERO, PUBLISHING),
            new Figure("duplicated events", r -> r.delivery().duplicated(), Better.ZERO, PUBLISHING),
            new Figure("misrouted events", r -> r.delivery().misrouted(), Better.ZERO, Set.of("targeted")),
            new Figure("subscribers with loss", r -> r.delivery().subscribersWithLoss(), Better.ZERO, PUBLISHING),
            new Figure("streams dropped", r -> storm(r, ScenarioResult.Storm::dropped), Better.HIGHER, STORM),
            new Figure("streaming again at the end", r -> storm(r, ScenarioResult.Storm::resumed), Better.HIGHER, STORM),
            new Figure("caught up (all events published before its reconnect)",
                    r -> storm(r, ScenarioResult.Storm::caughtUp), Better.HIGHER, STORM),
            new Figure("caught up within 5 s of its reconnect", r -> storm(r, ScenarioResult.Storm::caughtUpWithinTarget),
                    Better.HIGHER, STORM),
            new Figure("never caught up", r -> storm(r, ScenarioResult.Storm::notCaughtUp), Better.ZERO, STORM),
            new Figure("catch-up p50 (ms)", r -> catchUp(r, LatencySummary::p50Ms), Better.LOWER, STORM),
            new Figure("catch-up p99 (ms)", r -> catchUp(r, LatencySummary::p99Ms), Better.LOWER, STORM),
            new Figure("catch-up max (ms)", r -> catchUp(r, LatencySummary::maxMs), Better.LOWER, STORM),
            new Figure("herald.reset events", r -> r.delivery().resets(), Better.ZERO, STORM),
            new Figure("unexpected stream closes", r -> r.connections().unexpectedCloses(), Better.ZERO, ALL),
            new Figure("SSE comments per connected stream (opening + heartbeats)", Figure::commentsPerStream,
                    Better.NEITHER, Set.of("idle")),
            new Figure("server CPU, measuring phase (% of a core)", r -> r.resources().serverCpuPercent(), Better.LOWER,
                    ALL),
            new Figure("server CPU, whole run incl. connects (% of a core)",
                    r -> r.resources().serverCpuWholeRunPercent(), Better.LOWER, ALL),
            new Figure("bench CPU, measuring phase (% of a core)", r -> r.resources().toolCpuPercent(), Better.LOWER,
                    ALL),
            new Figure("measuring phase (s)", r -> r.resources().measuringSeconds(), Better.NEITHER, ALL));

    public static List<Figure> forScenario(String scenario) {
        return ALL_FIGURES.stream().filter(f -> f.scenarios().contains(scenario)).toList();
    }

    public String format(ScenarioResult r) {
        return format(value.apply(r));
    }

    public static String format(Number n) {
        if (n == null) {
            return "–";
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "–";
            }
            if (Math.abs(d) >= 1000) {
                return String.format(Locale.ROOT, "%,.0f", d);
            }
            if (Math.abs(d) >= 100) {
                return String.format(Locale.ROOT, "%.1f", d);
            }
            return String.format(Locale.ROOT, "%.2f", d);
        }
        return String.format(Locale.ROOT, "%,d", n.longValue());
    }

    private static Number storm(ScenarioResult r, Function<ScenarioResult.Storm, Number> f) {
        return r.storm() == null ? null : f.apply(r.storm());
    }

    /** A percentile of the catch-up times; none (not 0) when no stream caught up. */
    private static Number catchUp(ScenarioResult r, Function<LatencySummary, Number> f) {
        return r.storm() == null || r.storm().catchUp().count() == 0 ? null : f.apply(r.storm().catchUp());
    }

    private static Double commentsPerStream(ScenarioResult r) {
        int connected = r.connections().connected();
        return connected == 0 ? null : (double) r.connections().heartbeats() / connected;
    }

    private static Double mib(Long kb) {
        return kb == null ? null : kb / 1024.0;
    }
}
