package dev.herald.core.log;

/**
 * Where an event stands in its log. Positions grow strictly with every append, so that every node
 * reading the same log orders events the same way; they are compared, never interpreted.
 * A store maps its native position onto one {@code long} (the in-memory log counts from 1; a
 * Redis stream packs its {@code millis-sequence} id).
 */
public record LogPosition(long value) implements Comparable<LogPosition> {

    public boolean isAfter(LogPosition other) {
        return value > other.value;
    }

    @Override
    public int compareTo(LogPosition other) {
        return Long.compare(value, other.value);
    }
}
