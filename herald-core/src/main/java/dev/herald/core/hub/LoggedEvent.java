package dev.herald.core.hub;

import dev.herald.core.event.Event;

/**
 * An event the log handed over, as every dispatcher shard receives it: the event and its frame,
 * encoded by whichever shard needs it first and then shared by all shards and every stream.
 * (Not encoded on the log's thread: the log may call its follower under its own lock.)
 */
final class LoggedEvent {

    private final Event event;
    /** Written at most a few times with equal frames (shards racing), read without a lock. */
    private volatile Frame frame;

    LoggedEvent(Event event) {
        this.event = event;
    }

    Event event() {
        return event;
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
