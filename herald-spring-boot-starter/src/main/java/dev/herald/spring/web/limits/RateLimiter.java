package dev.herald.spring.web.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a remote address, a token holder): {@code burst} requests at once, then
 * {@code ratePerSecond}. Each bucket is an immutable value swapped in by
 * {@link ConcurrentMap#compute}, which locks only that key's bin: no global lock on the request path.
 * Idle buckets are full and carry no information, so they are dropped when the map grows.
 */
public final class RateLimiter {

    /** Buckets kept before idle ones are swept: bounds memory under a flood of distinct keys. */
    static final int SWEEP_AT = 10_000;

    private record Bucket(double tokens, long atNanos) {
    }

    private final double ratePerNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** At most one sweep a second: a flood of fresh keys must not make every request walk the map. */
    private final AtomicLong lastSweepNanos;

    public RateLimiter(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    RateLimiter(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.lastSweepNanos = new AtomicLong(nanoTime.getAsLong() - 1_000_000_000L);
    }

    /** Takes one token for {@code key}; false when its bucket is empty. */
    public boolean tryAcquire(String key) {
        return tryAcquire(key, 1);
    }

    /**
     * Takes {@code permits} tokens for {@code key} at once, or none; false when its bucket holds fewer
     * (always false for more than {@link #burst()}).
     */
    public boolean tryAcquire(String key, int permits) {
        long now = nanoTime.getAsLong();
        boolean[] granted = {false};
        buckets.compute(key, (k, bucket) -> {
            // A thread that read the clock before a later one updated this bucket must neither
            // refill a negative amount nor move the bucket's time back.
            long at = bucket == null ? now : Math.max(now, bucket.atNanos());
            double tokens = bucket == null ? burst : Math.min(burst, bucket.tokens() + (at - bucket.atNanos()) * ratePerNano);
            if (tokens >= permits) {
                granted[0] = true;
                return new Bucket(tokens - permits, at);
            }
            return new Bucket(tokens, at);
        });
        long lastSweep = lastSweepNanos.get();
        if (buckets.size() > SWEEP_AT && now - lastSweep >= 1_000_000_000L && lastSweepNanos.compareAndSet(lastSweep, now)) {
            sweep(now);
        }
        return granted[0];
    }

    /** The most tokens a bucket holds: the most one {@link #tryAcquire(String, int)} can take. */
    public int burst() {
        return burst;
    }

    /** Seconds until one more request of an empty bucket is allowed, rounded up (for Retry-After). */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / (ratePerNano * 1e9)));
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        buckets.entrySet().removeIf(entry -> entry.getValue().tokens() + (now - entry.getValue().atNanos()) * ratePerNano >= burst);
    }
}
