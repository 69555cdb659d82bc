package dev.herald.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one scenario run against one server measured; written as JSON and rendered as Markdown. {@code caseName}
 * tells apart several runs of one scenario with different sizes (e.g. {@code broadcast-1k}, {@code broadcast-10k}).
 */
public record ScenarioResult(
        String target,
        String scenario,
        String caseName,
        String startedAt,
        double wallSeconds,
        Load load,
        Map<String, Object> parameters,
        Connections connections,
        Publishing publishing,
        Delivery delivery,
        Storm storm,
        Resources resources,
        List<String> notes) {

    /** Subscribers: asked for, connected (a 200 and a stream), how fast, and what went wrong. */
    public record Connections(
            int requested,
            int connected,
            int failed,
            long connectErrors,
            long httpErrors,
            long unexpectedCloses,
            double connectSeconds,
            double connectsPerSecond,
            long heartbeats,
            String lastError) {}

    /** Publish requests: acknowledged (2xx), failed, rate, and request → ack latency. */
    public record Publishing(long published, long failed, double perSecond, LatencySummary ackLatency, String lastError) {}

    /**
     * Deliveries of marked events. {@code expected} counts, for every subscriber that was streaming when publishing
     * began, the acknowledged events meant for it; {@code lost} are those it never got; {@code duplicated} are events
     * a subscriber got more than once; {@code misrouted} went to the wrong user; {@code resets} are herald.reset events.
     */
    public record Delivery(
            long deliveries,
            long expected,
            double perSecond,
            long lost,
            long duplicated,
            long unexpected,
            long misrouted,
            long resets,
            int subscribersWithLoss,
            int subscribersWithDuplicates,
            LatencySummary latency) {}

    /** The machine's 1-minute load average when the run started and when it ended. */
    public record Load(double atStart, double atEnd) {}

    /**
     * Reconnect storm: streams dropped, streaming again, caught up by the rule of {@code CatchUp} (every event published
     * before its reconnect received; time from its reconnect), within {@code targetMillis}, never caught up, and the
     * catch-up times of those that did.
     */
    public record Storm(int dropped, int resumed, int caughtUp, int caughtUpWithinTarget, long targetMillis,
                        int notCaughtUp, LatencySummary catchUp) {}

    /**
     * Server memory (VmRSS of the process trees, KiB) before connecting and at the end of the connected phase; the
     * server's and the bench's (coordinator + workers) CPU use as % of one core over the measuring phase
     * ({@code measuringSeconds}: the hold of idle, publishing + draining otherwise; no connects, no warm-up) and,
     * labelled as such, over the whole run.
     */
    public record Resources(
            Long serverRssBeforeKb,
            Long serverRssAfterKb,
            Double serverKbPerConnection,
            Double serverCpuPercent,
            Double serverCpuWholeRunPercent,
            double toolCpuPercent,
            double toolCpuWholeRunPercent,
            double measuringSeconds,
            int toolProcesses,
            int cores) {}
}
