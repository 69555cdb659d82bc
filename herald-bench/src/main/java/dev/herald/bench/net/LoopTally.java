package dev.herald.bench.net;

import dev.herald.bench.worker.WorkerProgress;

/** Counters of one I/O loop, written by its thread only; {@link #snapshot} turns them into an immutable value. */
final class LoopTally {
    int connectedNow;
    int everConnected;
    int failed;
    long connectFailures;
    long httpErrors;
    long unexpectedCloses;
    long deliveries;
    long distinct;
    long duplicates;
    long misrouted;
    long foreign;
    long resets;
    long comments;
    long lastLatencyMicros;
    long lastDeliveryMicros;
    int dropped;
    int resumed;
    String lastError;

    WorkerProgress snapshot(int pending) {
        return new WorkerProgress(connectedNow, everConnected, failed, pending, connectFailures, httpErrors,
                unexpectedCloses, deliveries, distinct, duplicates, misrouted, foreign, resets, comments,
                lastLatencyMicros, lastDeliveryMicros, dropped, resumed, 0L, lastError);
    }
}
