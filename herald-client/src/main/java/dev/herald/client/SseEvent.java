package dev.herald.client;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * <p>Immutable value; safe to share between threads.
 *
 * @param id   the stream's last event ID at the moment this event was dispatched. Per the WHATWG
 *             rules this persists across events: an event without an {@code id:} field carries the
 *             previous one. The empty string means "no id" (never set, or reset by an empty
 *             {@code id} field). Never {@code null}.
 * @param type the event type from the {@code event:} field, or {@code "message"} when the event
 *             had none (or an empty one). Never {@code null} or empty.
 * @param data the {@code data:} lines joined with LF, without the final trailing LF. May be empty
 *             (an event consisting of a bare {@code data} line). Never {@code null}.
 */
public record SseEvent(String id, String type, String data) {

    /** The event type used when the stream does not name one. */
    public static final String DEFAULT_TYPE = "message";

    /**
     * Validates that no component is {@code null}.
     *
     * @throws NullPointerException if a component is {@code null}
     */
    public SseEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
