package dev.herald.bench.report;

import java.util.List;
import java.util.Map;

/** Everything one scenario run against one server measured; written as JSON and rendered as Markdown. */
public record ScenarioResult(
        String target,
        String scenario,
        String startedAt,
        double wallSeconds,
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

    /** Reconnect storm: dropped streams, how many caught up (no gap, live again) and how long that took. */
    public record Storm(int dropped, int caughtUp, int notCaughtUp, LatencySummary catchUp) {}

    /**
     * Server memory (VmRSS of the process tree, KiB) before connecting and at the end of the connected phase, its CPU
     * use, and the bench's own CPU use (coordinator + workers), as % of one core over the whole run.
     */
    public record Resources(
            Long serverRssBeforeKb,
            Long serverRssAfterKb,
            Double serverKbPerConnection,
            Double serverCpuPercent,
            double toolCpuPercent,
            int toolProcesses,
            int cores) {}
}
