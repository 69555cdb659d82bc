package dev.herald.core.hub;

import dev.herald.core.event.Event;
import dev.herald.core.topic.ExactTopic;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Finds the streams an event may go to without scanning every stream: exact selectors are
 * indexed by topic, and only streams with a template or {@code *} selector are checked one by one.
 * A candidate still has to pass {@link Subscription#accepts} (private events, grants).
 */
final class SubscriptionIndex {

    private final Map<Topic, Set<Connection>> byTopic = new ConcurrentHashMap<>();
    private final Set<Connection> byPattern = ConcurrentHashMap.newKeySet();

    void add(Connection connection) {
        for (TopicSelector selector : connection.subscription().selectors()) {
            if (selector instanceof ExactTopic exact) {
                byTopic.compute(exact.topic(), (topic, set) -> {
                    Set<Connection> connections = set == null ? ConcurrentHashMap.newKeySet() : set;
                    connections.add(connection);
                    return connections;
                });
            } else {
                byPattern.add(connection);
            }
        }
    }

    void remove(Connection connection) {
        for (TopicSelector selector : connection.subscription().selectors()) {
            if (selector instanceof ExactTopic exact) {
                byTopic.computeIfPresent(exact.topic(), (topic, set) -> {
                    set.remove(connection);
                    return set.isEmpty() ? null : set;
                });
            } else {
                byPattern.remove(connection);
            }
        }
    }

    /**
     * Calls {@code action} for every stream with a selector that may match one of the event's
     * topics; a stream may be named more than once (the caller de-duplicates).
     */
    void forEachCandidate(Event event, Consumer<Connection> action) {
        forEachCandidate(event, action, action);
    }

    /**
     * As {@link #forEachCandidate(Event, Consumer)}, telling the two kinds apart: {@code byTopic}
     * gets streams with an exact selector equal to one of the event's topics (their selectors are
     * known to match), {@code byPattern} streams with a template or {@code *} that still need the
     * check.
     */
    void forEachCandidate(Event event, Consumer<Connection> byTopic, Consumer<Connection> byPattern) {
        for (Topic topic : event.topics()) {
            Set<Connection> connections = this.byTopic.get(topic);
            if (connections != null) {
                connections.forEach(byTopic);
            }
        }
        this.byPattern.forEach(byPattern);
    }

    /** Number of distinct exact topics with at least one stream. */
    int topicCount() {
        return byTopic.size();
    }
}
