package dev.herald.core.event;

import dev.herald.core.log.LogPosition;
import dev.herald.core.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as the log holds it: a {@link Publication} with its final id, its position in the log
 * and the time the log accepted it. Immutable; safe to share between threads.
 */
public record Event(
        EventId id,
        LogPosition position,
        EventType type,
        String data,
        List<Topic> topics,
        boolean privateEvent,
        Optional<Duration> retry,
        Instant appendedAt) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        topics = List.copyOf(topics);
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(appendedAt, "appendedAt");
    }

    /** The event the log stores for a publication once it has chosen its id and position. */
    public static Event from(Publication publication, EventId id, LogPosition position, Instant appendedAt) {
        return new Event(id, position, publication.type(), publication.data(), publication.topics(),
                publication.privateEvent(), publication.retry(), appendedAt);
    }
}
