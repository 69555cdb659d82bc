package dev.herald.core.hub;

import dev.herald.core.log.LogPosition;

/**
 * One entry of a connection's outbox. An event frame is encoded once per publish and shared by
 * every connection it goes to.
 *
 * @param position the event's log position, or {@code null} for a frame that is no event
 * @param bytes    the encoded frame; never modified
 * @param appendedAtMillis when the log accepted the event (for the publish-to-write latency)
 * @param endsWith non-null when the stream ends, for this cause, once this frame is written
 */
record Frame(LogPosition position, byte[] bytes, long appendedAtMillis, CloseCause endsWith) {

    static Frame event(LogPosition position, byte[] bytes, long appendedAtMillis) {
        return new Frame(position, bytes, appendedAtMillis, null);
    }

    static Frame control(byte[] bytes) {
        return new Frame(null, bytes, 0, null);
    }

    static Frame closing(byte[] bytes, CloseCause cause) {
        return new Frame(null, bytes, 0, cause);
    }

    boolean isEvent() {
        return position != null;
    }
}
