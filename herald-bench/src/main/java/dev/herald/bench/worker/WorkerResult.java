package dev.herald.bench.worker;

import dev.herald.bench.report.Histograms;

/**
 * What a worker found at the end: final counters, loss accounting of the subscribers held to the expectation, and
 * its histograms (compressed, base64) of delivery latency and of reconnect-storm catch-up time, in microseconds.
 * {@code caughtUp} + {@code notCaughtUp} = the streams the storm dropped (see {@code CatchUp}).
 */
public record WorkerResult(
        WorkerProgress totals,
        int accountable,
        long expected,
        long received,
        long lost,
        long unexpected,
        int subscribersWithLoss,
        int subscribersWithDuplicates,
        int caughtUp,
        int notCaughtUp,
        long firstStreamMicros,
        long lastStreamMicros,
        String latencyHistogram,
        String catchUpHistogram) {

    public WorkerResult plus(WorkerResult o) {
        return new WorkerResult(
                totals.plus(o.totals),
                accountable + o.accountable,
                expected + o.expected,
                received + o.received,
                lost + o.lost,
                unexpected + o.unexpected,
                subscribersWithLoss + o.subscribersWithLoss,
                subscribersWithDuplicates + o.subscribersWithDuplicates,
                caughtUp + o.caughtUp,
                notCaughtUp + o.notCaughtUp,
                minPositive(firstStreamMicros, o.firstStreamMicros),
                Math.max(lastStreamMicros, o.lastStreamMicros),
                Histograms.add(latencyHistogram, o.latencyHistogram),
                Histograms.add(catchUpHistogram, o.catchUpHistogram));
    }

    private static long minPositive(long a, long b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return Math.min(a, b);
    }
}
