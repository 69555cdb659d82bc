package dev.herald.core.event;

import dev.herald.core.topic.Topic;
import java.util.Objects;

/**
 * An authenticated user, as named by the {@code sub} claim of a token or by the application's own
 * authentication. Every user has a personal topic, {@code users/<id>}, that they are always
 * subscribed to and granted.
 */
public record UserId(String value) {

    public static final String PERSONAL_TOPIC_PREFIX = "users/";
    public static final int MAX_LENGTH = 256;

    public UserId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a user id must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a user id must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("a user id must not contain control characters");
            }
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    /** The user's personal topic, {@code users/<id>}. */
    public Topic personalTopic() {
        return new Topic(PERSONAL_TOPIC_PREFIX + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
