package dev.herald.core.topic;

import java.util.Objects;

/**
 * A topic an event is published to: any non-empty string, usually a URI
 * ({@code https://example.com/books/1}) or a path ({@code users/alice}).
 */
public record Topic(String value) {

    public static final int MAX_LENGTH = 1024;

    public Topic {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a topic must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a topic must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("a topic must not contain control characters");
            }
        }
    }

    public static Topic of(String value) {
        return new Topic(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
