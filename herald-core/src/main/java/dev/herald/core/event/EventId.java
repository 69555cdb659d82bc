package dev.herald.core.event;

import java.util.Objects;

/**
 * The opaque, unique id of an event, as sent on the wire in the SSE {@code id:} field and
 * echoed back by browsers in {@code Last-Event-ID}.
 *
 * <p>Ids are opaque to clients: only the {@link dev.herald.core.log.EventLog} that issued an id
 * knows where it stands in the log. An id never holds CR, LF or NUL (the WHATWG rules would
 * split or ignore it) and is at most {@value #MAX_LENGTH} characters.
 */
public record EventId(String value) {

    /** Longer ids are refused: the browser echoes the id on every reconnect. */
    public static final int MAX_LENGTH = 256;

    public EventId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an event id must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an event id must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException("an event id must not contain CR, LF or NUL");
            }
        }
    }

    public static EventId of(String value) {
        return new EventId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
