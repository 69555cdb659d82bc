package dev.herald.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt to reach Redis: exponential from {@code initial}, capped
 * at {@code max}, with "equal jitter" (half the delay fixed, half random) so that a fleet of nodes
 * that lost Redis together does not reconnect in lock-step when it comes back.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initial + " and " + max);
        }
    }

    /** The delay before attempt {@code failures + 1}, after {@code failures} failed attempts in a row. */
    public Duration delay(int failures) {
        long initialMs = Math.max(1, initial.toMillis());
        int doublings = Math.min(Math.max(failures, 0), 30);
        long ceiling = Math.min(max.toMillis(), initialMs << doublings);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
