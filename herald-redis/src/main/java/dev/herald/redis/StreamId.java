package dev.herald.redis;

import dev.herald.core.log.LogPosition;

/**
 * A Redis stream entry id, {@code <millis>-<sequence>}, and its packing into one {@link LogPosition}.
 *
 * <p>Redis orders entries by {@code (millis, sequence)}; the packing
 * {@code millis << }{@value #SEQUENCE_BITS}{@code | sequence} keeps that order in one {@code long},
 * so every node that reads the stream derives the same, strictly increasing positions without
 * asking anyone. Millis get 43 bits (good until the year 2248); the sequence, which Redis resets
 * every millisecond, gets {@value #SEQUENCE_BITS} bits: a million entries in one millisecond would
 * not fit, and is refused rather than silently reordered.
 */
public record StreamId(long millis, long sequence) implements Comparable<StreamId> {

    public static final int SEQUENCE_BITS = 20;
    static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    static final long MAX_MILLIS = (1L << (63 - SEQUENCE_BITS)) - 1;

    /** The id before every entry: reading after it reads the whole stream. */
    public static final StreamId ZERO = new StreamId(0, 0);

    public StreamId {
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("stream id millis out of range: " + millis);
        }
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("stream id sequence " + sequence + " does not fit in "
                    + SEQUENCE_BITS + " bits of a log position");
        }
    }

    /** Parses the {@code <millis>-<sequence>} form Redis returns. */
    public static StreamId parse(String text) {
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("not a stream id: " + text);
        }
        try {
            return new StreamId(Long.parseLong(text, 0, dash, 10), Long.parseLong(text, dash + 1, text.length(), 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream id: " + text, e);
        }
    }

    public static StreamId fromPosition(LogPosition position) {
        return new StreamId(position.value() >>> SEQUENCE_BITS, position.value() & MAX_SEQUENCE);
    }

    public LogPosition toPosition() {
        return new LogPosition(millis << SEQUENCE_BITS | sequence);
    }

    @Override
    public int compareTo(StreamId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
