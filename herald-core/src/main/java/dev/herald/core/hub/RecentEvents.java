package dev.herald.core.hub;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.log.LogPosition;

/**
 * The newest events the hub dispatched, with their encoded frames, so that a resuming stream is
 * replayed from memory: no log read, no decoding and no encoding per resuming stream. In a
 * reconnect storm thousands of streams replay the same few hundred events; from the log each of
 * them decoded and encoded every event again.
 *
 * <p>The log stays the authority on what a stream missed: the replay asks the log for the first
 * event after the client's {@code Last-Event-ID} (which answers unknown, expired and other-epoch ids
 * with a reset), and only then looks that event up here, by position, and checks its id. From there
 * on this holds exactly what the log handed to the hub's follower, in log order.
 *
 * <p>A ring of slots: one writer (the log's follower, which the log calls once per event, in order)
 * and any number of readers, without locks. Slot {@code s} holds the event numbered {@code s};
 * a reader checks the number of every entry it reads, so an entry overwritten while it reads is
 * seen as missing, never taken for another. Bounded by a number of events and by their payload
 * bytes, whichever is reached first.
 */
final class RecentEvents {

    /** An entry of the ring: the event numbered {@code sequence} in the order of dispatch. */
    record Entry(long sequence, LoggedEvent logged) {

        Event event() {
            return logged.event();
        }
    }

    private final Entry[] slots;
    private final int mask;
    private final long maxBytes;
    /** Events appended so far: the next entry's number. Written by the one writer. */
    private volatile long head;
    /** The oldest entry still kept (the byte budget may drop entries before the ring wraps). */
    private volatile long tail;
    /** Payload bytes of the entries in {@code [tail, head)}; the writer's own. */
    private long bytes;

    /**
     * @param maxEvents rounded up to a power of two; 0 keeps nothing (every replay reads the log)
     * @param maxBytes  payload bytes kept at most (an event larger than this is not kept)
     */
    RecentEvents(int maxEvents, long maxBytes) {
        int capacity = maxEvents <= 0 ? 0 : Integer.highestOneBit(maxEvents);
        if (capacity < maxEvents) {
            capacity <<= 1;
        }
        this.slots = new Entry[capacity];
        this.mask = capacity - 1;
        this.maxBytes = maxBytes;
    }

    /** Keeps an event and tells it its number. Called by the log's follower only: once per event, in log order, never concurrently. */
    void add(LoggedEvent logged) {
        if (slots.length == 0) {
            return;
        }
        long size = sizeOf(logged.event());
        long sequence = head;
        long oldest = tail;
        if (size > maxBytes) {
            // too large to keep: the ring restarts after it, so no replay from here spans it
            tail = sequence + 1;
            bytes = 0;
            head = sequence + 1;
            return;
        }
        if (sequence - oldest == slots.length) {
            bytes -= sizeOf(slots[(int) (oldest & mask)].event());
            oldest++;
        }
        while (bytes + size > maxBytes && oldest < sequence) {
            bytes -= sizeOf(slots[(int) (oldest & mask)].event());
            oldest++;
        }
        // the tail moves before the slot is reused, so a reader that sees the new tail never
        // looks for the dropped entry in its slot
        tail = oldest;
        logged.keptAs(sequence);
        slots[(int) (sequence & mask)] = new Entry(sequence, logged);
        bytes += size;
        head = sequence + 1;
    }

    /**
     * The kept entry of the event at {@code position} with this id, if it is still kept: where a
     * replay from memory starts. Binary search over positions, which grow along the ring.
     */
    Entry find(LogPosition position, EventId id) {
        long high = head - 1;
        long low = Math.max(tail, head - slots.length);
        while (low <= high) {
            long middle = (low + high) >>> 1;
            Entry entry = at(middle);
            if (entry == null) {
                // overwritten while we looked: the part of the ring we searched moved on
                low = middle + 1;
                continue;
            }
            int order = entry.event().position().compareTo(position);
            if (order == 0) {
                return entry.event().id().equals(id) ? entry : null;
            } else if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return null;
    }

    /** The entry numbered {@code sequence}, or null when it is no longer (or not yet) kept. */
    Entry at(long sequence) {
        if (slots.length == 0 || sequence < tail || sequence >= head) {
            return null;
        }
        Entry entry = slots[(int) (sequence & mask)];
        return entry != null && entry.sequence() == sequence ? entry : null;
    }

    /** The next entry's number: entries {@code < head()} have been appended. */
    long head() {
        return head;
    }

    /** Events kept now. */
    int size() {
        return (int) Math.max(0, head - Math.max(tail, head - slots.length));
    }

    private static long sizeOf(Event event) {
        // a frame holds the data (UTF-8, at most 3 bytes a char) and some 100 bytes of id and fields;
        // the event holds the data once more as a string
        return 2L * event.data().length() + 128;
    }
}
