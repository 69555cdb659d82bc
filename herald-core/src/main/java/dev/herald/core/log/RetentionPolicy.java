package dev.herald.core.log;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history a log keeps for replay: at most {@code maxEvents} events, none older than
 * {@code maxAge}. A client whose {@code Last-Event-ID} has fallen out of this window gets a reset.
 */
public record RetentionPolicy(int maxEvents, Duration maxAge) {

    public static final int DEFAULT_MAX_EVENTS = 10_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(DEFAULT_MAX_EVENTS, DEFAULT_MAX_AGE);

    public RetentionPolicy {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("retention must keep at least one event, not " + maxEvents);
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("retention max age must be positive, not " + maxAge);
        }
    }
}
