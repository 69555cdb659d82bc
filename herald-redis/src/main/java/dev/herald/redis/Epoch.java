package dev.herald.redis;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One life of the shared log. The first node to append to an empty Redis writes a random epoch
 * ({@code SET NX} semantics, inside the append script); every generated event id carries it. A
 * Redis that comes back without its data has no epoch key, so the next append starts a new life
 * with a new epoch, and ids of the old life are answered with
 * {@link dev.herald.core.log.ResetReason#OTHER_EPOCH} instead of being confused with new events
 * that happen to reuse their stream ids.
 *
 * @param value 7 to 9 characters of {@code [0-9a-z]}, the same shape as the in-memory log's epochs
 */
public record Epoch(String value) {

    static final Pattern SHAPE = Pattern.compile("[0-9a-z]{7,9}");

    public Epoch {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not an epoch: " + value);
        }
    }

    /** A fresh candidate; 2^45 values, so two lives of one log do not share an epoch by chance. */
    public static Epoch random() {
        return new Epoch(Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36));
    }

    @Override
    public String toString() {
        return value;
    }
}
