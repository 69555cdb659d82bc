package dev.herald.core.event;

import dev.herald.core.topic.Topic;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a publisher asks the hub to publish: an {@link Event} before the log has given it a
 * position (and, unless the publisher chose one, an id).
 *
 * @param id      the publisher's own id, unique in the log; empty to let the log generate one
 * @param type    the SSE event type
 * @param data    the payload, any string (it may span lines)
 * @param topics  1 to {@value #MAX_TOPICS} distinct topics, in the publisher's order
 * @param privateEvent whether only subscribers granted one of the topics may receive it
 * @param retry   a reconnection delay to send with the event
 */
public record Publication(
        Optional<EventId> id,
        EventType type,
        String data,
        List<Topic> topics,
        boolean privateEvent,
        Optional<Duration> retry) {

    /** A cap on fan-out work per publish. */
    public static final int MAX_TOPICS = 100;

    public Publication {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(retry, "retry");
        topics = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(topics, "topics")));
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("an event needs at least one topic");
        }
        if (topics.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("an event may have at most " + MAX_TOPICS + " topics, not " + topics.size());
        }
        retry.ifPresent(r -> {
            if (r.isNegative()) {
                throw new IllegalArgumentException("retry must not be negative");
            }
        });
    }

    /** A public event of the default type with a generated id. */
    public static Publication of(List<Topic> topics, String data) {
        return new Publication(Optional.empty(), EventType.MESSAGE, data, topics, false, Optional.empty());
    }

    /** A private event to the personal topic of one user. */
    public static Publication toUser(UserId user, EventType type, String data) {
        return new Publication(Optional.empty(), type, data, List.of(user.personalTopic()), true, Optional.empty());
    }

    public Publication withId(EventId newId) {
        return new Publication(Optional.of(newId), type, data, topics, privateEvent, retry);
    }

    public Publication withType(EventType newType) {
        return new Publication(id, newType, data, topics, privateEvent, retry);
    }

    public Publication asPrivate(boolean isPrivate) {
        return new Publication(id, type, data, topics, isPrivate, retry);
    }

    public Publication withRetry(Duration newRetry) {
        return new Publication(id, type, data, topics, privateEvent, Optional.of(newRetry));
    }
}
