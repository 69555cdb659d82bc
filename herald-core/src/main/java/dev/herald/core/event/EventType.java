package dev.herald.core.event;

import java.util.Objects;

/**
 * The SSE {@code event:} field: the name under which a browser's {@code EventSource} dispatches
 * an event. {@value #DEFAULT_NAME} is what the browser assumes when the field is absent, so the
 * encoder omits it for that type.
 */
public record EventType(String value) {

    public static final String DEFAULT_NAME = "message";
    public static final EventType MESSAGE = new EventType(DEFAULT_NAME);
    /** Sent first on a stream whose {@code Last-Event-ID} is no longer in the log. */
    public static final EventType RESET = new EventType("herald.reset");
    /** Bounded for the same reason as ids: it is repeated in every frame. */
    public static final int MAX_LENGTH = 256;

    public EventType {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an event type must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an event type must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException("an event type must not contain CR, LF or NUL");
            }
        }
    }

    public static EventType of(String value) {
        return value == null ? MESSAGE : new EventType(value);
    }

    public boolean isDefault() {
        return DEFAULT_NAME.equals(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
