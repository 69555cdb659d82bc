package dev.herald.spring.metrics;

/**
 * Which deliveries the delivery-latency timer records: one in every {@code every}, counted over all
 * streams in delivery order, the first delivery included. Deterministic rather than random, so the
 * sample is the same share at any rate and a quiet node still records its first delivery.
 *
 * <p>Why a sample: the timer (a percentile histogram and a max) was about half of a stream writer's
 * CPU at 10,000 subscribers (docs/scale.md §9), as much as the socket write. Its quantiles, sum and
 * count estimate the same distribution from the sample; {@code herald.events.delivered} stays exact.
 *
 * <p>The count is a plain field on purpose, read and written without synchronization by writers on
 * every core: a lost update shifts the sample by a delivery and is harmless, while an atomic update
 * would add one more contended cache line per write, the very cost this sample cuts.
 */
final class LatencySample {

    /** One in eight: a fraction of the timer's cost, still tens of thousands of records a second under load. */
    static final int DEFAULT_EVERY = 8;

    private final int every;
    private long delivered;

    LatencySample(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1: " + every);
        }
        this.every = every;
    }

    int every() {
        return every;
    }

    /**
     * Counts one write of {@code count} deliveries; true when one of them is the sample's, i.e. when
     * the write's deliveries include a multiple of {@code every} in the running count (from 0).
     */
    boolean take(int count) {
        long before = delivered;
        long after = before + count;
        delivered = after;
        return Math.floorDiv(after - 1, every) != Math.floorDiv(before - 1, every);
    }
}
