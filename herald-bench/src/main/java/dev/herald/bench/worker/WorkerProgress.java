package dev.herald.bench.worker;

/**
 * Running counters of a worker (or of one of its I/O loops, or of the whole fleet once added up). {@code resumed}:
 * streams dropped by the reconnect storm that are streaming again (whether they caught up is decided at the end). {@code cpuNanos} is
 * the worker process's CPU time when it runs in a child JVM, 0 in-process (the coordinator measures itself).
 */
public record WorkerProgress(
        int connectedNow,
        int everConnected,
        int failed,
        int pending,
        long connectFailures,
        long httpErrors,
        long unexpectedCloses,
        long deliveries,
        long distinct,
        long duplicates,
        long misrouted,
        long foreign,
        long resets,
        long comments,
        long lastLatencyMicros,
        long lastDeliveryMicros,
        int dropped,
        int resumed,
        long cpuNanos,
        String lastError) {

    public static final WorkerProgress ZERO =
            new WorkerProgress(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    public WorkerProgress plus(WorkerProgress o) {
        boolean oLater = o.lastDeliveryMicros > lastDeliveryMicros;
        return new WorkerProgress(
                connectedNow + o.connectedNow,
                everConnected + o.everConnected,
                failed + o.failed,
                pending + o.pending,
                connectFailures + o.connectFailures,
                httpErrors + o.httpErrors,
                unexpectedCloses + o.unexpectedCloses,
                deliveries + o.deliveries,
                distinct + o.distinct,
                duplicates + o.duplicates,
                misrouted + o.misrouted,
                foreign + o.foreign,
                resets + o.resets,
                comments + o.comments,
                oLater ? o.lastLatencyMicros : lastLatencyMicros,
                Math.max(lastDeliveryMicros, o.lastDeliveryMicros),
                dropped + o.dropped,
                resumed + o.resumed,
                cpuNanos + o.cpuNanos,
                lastError != null ? lastError : o.lastError);
    }

    public WorkerProgress withCpuNanos(long cpu) {
        return new WorkerProgress(connectedNow, everConnected, failed, pending, connectFailures, httpErrors,
                unexpectedCloses, deliveries, distinct, duplicates, misrouted, foreign, resets, comments,
                lastLatencyMicros, lastDeliveryMicros, dropped, resumed, cpu, lastError);
    }
}
