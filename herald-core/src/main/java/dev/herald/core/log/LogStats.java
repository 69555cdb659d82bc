package dev.herald.core.log;

/**
 * How big a log is and how much retention has dropped from it, for metrics.
 *
 * @param size    events the store holds now (a store that trims lazily may hold a few beyond what
 *                retention lets readers see)
 * @param trimmed events dropped by retention so far; what "so far" covers is the store's to say (this
 *                process for a local store, the log's life for a shared one), but it only grows
 *                within that span
 */
public record LogStats(long size, long trimmed) {

    public LogStats {
        if (size < 0 || trimmed < 0) {
            throw new IllegalArgumentException("size and trimmed must not be negative: " + size + ", " + trimmed);
        }
    }
}
