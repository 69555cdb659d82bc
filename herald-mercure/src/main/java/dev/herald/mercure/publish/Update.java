package dev.herald.mercure.publish;

import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.topic.Topic;
import dev.herald.spring.web.ApiProblemException;
import dev.herald.mercure.web.UrlEncodedForm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Mercure update as a publisher posts it, checked field by field.
 *
 * @param topics        {@code topic}, in order: the first is canonical, the others alternates
 * @param data          {@code data}, empty when absent
 * @param privateUpdate whether a {@code private} field is present, whatever its value
 * @param id            {@code id}, the publisher's own
 * @param type          {@code type}, the SSE event type
 * @param retry         {@code retry}, the SSE reconnection time
 */
public record Update(List<Topic> topics, String data, boolean privateUpdate, Optional<EventId> id,
                     Optional<EventType> type, Optional<Duration> retry) {

    static final String TOPIC = "topic";
    static final String DATA = "data";
    static final String PRIVATE = "private";
    static final String ID = "id";
    static final String TYPE = "type";
    static final String RETRY = "retry";
    /** Subscription events and the subscriptions API live there; publishers must not forge them. */
    static final String RESERVED_PREFIX = "/.well-known/mercure";

    public Update {
        topics = List.copyOf(topics);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(retry, "retry");
    }

    /**
     * Reads and checks the fields.
     *
     * @throws ApiProblemException 400 for a missing or malformed field, 403 for a topic in the hub's reserved namespace
     */
    public static Update read(UrlEncodedForm form) {
        List<String> topicValues = form.all(TOPIC);
        if (topicValues.isEmpty()) {
            throw ApiProblemException.badRequest("missing 'topic' field: an update needs at least one topic");
        }
        List<Topic> topics = new ArrayList<>(topicValues.size());
        for (String value : new LinkedHashSet<>(topicValues)) {
            topics.add(topic(value));
        }
        if (topics.size() > Publication.MAX_TOPICS) {
            throw ApiProblemException.badRequest("an update may have at most " + Publication.MAX_TOPICS + " topics, not "
                    + topics.size());
        }
        return new Update(topics, form.first(DATA).orElse(""), form.has(PRIVATE), id(form), type(form), retry(form));
    }

    /** The update for Herald's log: the publisher's id, or a fresh {@code urn:uuid:} one. */
    public Publication toPublication() {
        EventId eventId = id.orElseGet(() -> EventId.of("urn:uuid:" + UUID.randomUUID()));
        return new Publication(Optional.of(eventId), type.orElse(EventType.MESSAGE), data, topics, privateUpdate, retry);
    }

    private static Topic topic(String value) {
        Topic topic;
        try {
            topic = Topic.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid 'topic' field: " + e.getMessage());
        }
        if (isReserved(value)) {
            throw ApiProblemException.forbidden("the topic '" + value + "' is in the hub's reserved namespace "
                    + RESERVED_PREFIX + "/ (subscription events); publish to another topic");
        }
        return topic;
    }

    /** The path, relative or absolute, is the hub's own: {@code /.well-known/mercure} or below. */
    private static boolean isReserved(String topic) {
        String path = topic;
        int scheme = topic.indexOf("://");
        if (scheme > 0) {
            int pathStart = topic.indexOf('/', scheme + 3);
            path = pathStart < 0 ? "" : topic.substring(pathStart);
        }
        return path.equals(RESERVED_PREFIX) || path.startsWith(RESERVED_PREFIX + "/")
                || path.startsWith(RESERVED_PREFIX + "?") || path.startsWith(RESERVED_PREFIX + "#");
    }

    private static Optional<EventId> id(UrlEncodedForm form) {
        Optional<String> value = form.first(ID).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().startsWith("#")) {
            throw ApiProblemException.badRequest("invalid 'id' field: it must not start with '#' (the protocol keeps such"
                    + " ids for the hub)");
        }
        if (value.get().equals("earliest")) {
            throw ApiProblemException.badRequest("invalid 'id' field: 'earliest' is reserved for Last-Event-ID");
        }
        try {
            return Optional.of(EventId.of(value.get()));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid 'id' field: " + e.getMessage());
        }
    }

    private static Optional<EventType> type(UrlEncodedForm form) {
        Optional<String> value = form.first(TYPE).filter(v -> !v.isEmpty());
        try {
            return value.map(EventType::of);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid 'type' field: " + e.getMessage());
        }
    }

    private static Optional<Duration> retry(UrlEncodedForm form) {
        Optional<String> value = form.first(RETRY).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().chars().allMatch(c -> c >= '0' && c <= '9') || value.get().length() > 12) {
            throw ApiProblemException.badRequest("invalid 'retry' field '" + value.get()
                    + "': it must be a number of milliseconds, such as 3000");
        }
        return Optional.of(Duration.ofMillis(Long.parseLong(value.get())));
    }
}
