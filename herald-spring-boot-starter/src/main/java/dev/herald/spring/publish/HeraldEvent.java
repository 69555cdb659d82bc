package dev.herald.spring.publish;

import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.event.UserId;
import dev.herald.core.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as an application (or {@code POST /api/events}) describes it: topics and users to send it
 * to, and a payload that is still an object. {@link HeraldPublisher} turns the payload into text and
 * the event into a core {@link Publication}.
 *
 * @param topics       topics to publish to
 * @param users        users whose personal topic ({@code users/<id>}) gets the event; naming a user
 *                     makes the event private
 * @param type         the SSE event type
 * @param data         the payload: a string is sent as is, anything else as its JSON text
 * @param privateEvent whether only subscribers granted one of the topics receive it
 * @param id           the publisher's own id, unique in the log; empty to have one generated
 * @param retry        a reconnection delay sent with the event
 */
public record HeraldEvent(
        List<Topic> topics,
        List<UserId> users,
        EventType type,
        Object data,
        boolean privateEvent,
        Optional<EventId> id,
        Optional<Duration> retry) {

    public HeraldEvent {
        topics = List.copyOf(topics);
        users = List.copyOf(users);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(retry, "retry");
        if (topics.isEmpty() && users.isEmpty()) {
            throw new IllegalArgumentException("no target: an event needs at least one topic or one user");
        }
        retry.ifPresent(r -> {
            if (r.isNegative()) {
                throw new IllegalArgumentException("retry must not be negative");
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The topics the event goes to: the given topics, then each user's personal topic, without repeats. */
    public List<Topic> targets() {
        LinkedHashSet<Topic> targets = new LinkedHashSet<>(topics);
        users.forEach(user -> targets.add(user.personalTopic()));
        return List.copyOf(targets);
    }

    /** An event to users is always private: a personal topic is nobody else's business. */
    public boolean isPrivate() {
        return privateEvent || !users.isEmpty();
    }

    /**
     * The core publication, with the payload already encoded.
     *
     * @throws IllegalArgumentException when the targets are more than {@link Publication#MAX_TOPICS}
     */
    public Publication toPublication(String encodedData) {
        return new Publication(id, type, encodedData, targets(), isPrivate(), retry);
    }

    /** Builds a {@link HeraldEvent}; every value is checked as it is set. Not thread-safe. */
    public static final class Builder {

        private final List<Topic> topics = new ArrayList<>();
        private final List<UserId> users = new ArrayList<>();
        private EventType type = EventType.MESSAGE;
        private Object data;
        private boolean privateEvent;
        private EventId id;
        private Duration retry;

        private Builder() {
        }

        public Builder topic(String topic) {
            return topic(Topic.of(topic));
        }

        public Builder topic(Topic topic) {
            topics.add(Objects.requireNonNull(topic, "topic"));
            return this;
        }

        public Builder topics(String... topicNames) {
            for (String topic : topicNames) {
                topic(topic);
            }
            return this;
        }

        public Builder user(String user) {
            return user(UserId.of(user));
        }

        public Builder user(UserId user) {
            users.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        public Builder users(String... userIds) {
            for (String user : userIds) {
                user(user);
            }
            return this;
        }

        public Builder type(String eventType) {
            return type(EventType.of(eventType));
        }

        public Builder type(EventType eventType) {
            this.type = Objects.requireNonNull(eventType, "type");
            return this;
        }

        /** A string is sent as is; any other object as its JSON text. */
        public Builder data(Object payload) {
            this.data = Objects.requireNonNull(payload, "data");
            return this;
        }

        public Builder privateEvent() {
            return privateEvent(true);
        }

        public Builder privateEvent(boolean isPrivate) {
            this.privateEvent = isPrivate;
            return this;
        }

        public Builder id(String eventId) {
            return id(EventId.of(eventId));
        }

        public Builder id(EventId eventId) {
            this.id = Objects.requireNonNull(eventId, "id");
            return this;
        }

        public Builder retry(Duration delay) {
            this.retry = Objects.requireNonNull(delay, "retry");
            return this;
        }

        /**
         * @throws IllegalArgumentException when there is no target
         * @throws NullPointerException     when no data was set
         */
        public HeraldEvent build() {
            if (data == null) {
                throw new NullPointerException("data: every event needs a payload");
            }
            return new HeraldEvent(topics, users, type, data, privateEvent, Optional.ofNullable(id),
                    Optional.ofNullable(retry));
        }
    }
}
