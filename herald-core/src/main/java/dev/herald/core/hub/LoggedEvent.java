package dev.herald.core.hub;

import dev.herald.core.event.Event;

/**
 * An event the log handed over, as every dispatcher shard receives it: the event and its frame,
 * encoded by whichever shard needs it first and then shared by all shards and every stream.
 * (Not encoded on the log's thread: the log may call its follower under its own lock.)
 */
final class LoggedEvent {

    /** {@link #sequence()} of an event {@link RecentEvents} did not keep. */
    static final long NOT_KEPT = -1;

    private final Event event;
    /** Its number in {@link RecentEvents}, set once by the log's follower before any shard sees the event. */
    private long sequence = NOT_KEPT;
    /** Written at most a few times with equal frames (shards racing), read without a lock. */
    private volatile Frame frame;

    LoggedEvent(Event event) {
        this.event = event;
    }

    Event event() {
        return event;
    }

    /** Its number in {@link RecentEvents}, or {@link #NOT_KEPT}. */
    long sequence() {
        return sequence;
    }

    void keptAs(long sequence) {
        this.sequence = sequence;
    }

    Frame frame() {
        Frame encoded = frame;
        if (encoded == null) {
            encoded = Frame.event(event.position(), StreamWriter.encode(event), event.appendedAt().toEpochMilli());
            frame = encoded;
        }
        return encoded;
    }
}
