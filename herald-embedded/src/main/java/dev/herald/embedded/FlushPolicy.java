package dev.herald.embedded;

import java.time.Duration;
import java.util.Objects;

/**
 * When an append is acknowledged, i.e. when {@link EmbeddedEventLog#append} returns. Under both
 * policies the event has been written to the store file and forced to the disk ({@code fsync})
 * before the append returns, so neither {@code kill -9} nor a power cut loses an acknowledged
 * event; they differ in how many appends share one sync.
 */
public sealed interface FlushPolicy {

    /**
     * The default: group commit, at most one sync per millisecond. A longer interval only adds
     * latency while the disk keeps up (an append waits for the interval plus the sync), and a slow
     * disk groups more appends per sync by itself; the interval bounds the sync rate on a fast
     * one. See docs/storage-embedded.md for the figures.
     */
    FlushPolicy DEFAULT = new Group(Duration.ofMillis(1));

    /**
     * One sync per append: each append writes and syncs on its own, appends are serialised behind
     * the disk. The lowest latency at low load, throughput capped at one append per sync.
     */
    record Always() implements FlushPolicy {
    }

    /**
     * Group commit: at most one sync every {@code interval}; every append waits for the sync that
     * covers it, and all appends made meanwhile share that sync. The first append after a quiet
     * spell is synced at once; under load an append waits up to one interval plus one sync.
     *
     * @param interval the least time between two syncs, e.g. 1 ms; zero syncs back to back
     */
    record Group(Duration interval) implements FlushPolicy {
        public Group {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.toMillis() > 1_000) {
                throw new IllegalArgumentException("the group commit interval must be between 0 and 1s, not " + interval);
            }
        }
    }

    static FlushPolicy always() {
        return new Always();
    }

    static FlushPolicy group(Duration interval) {
        return new Group(interval);
    }
}
