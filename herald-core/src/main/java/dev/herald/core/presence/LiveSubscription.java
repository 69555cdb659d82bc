package dev.herald.core.presence;

import dev.herald.core.event.UserId;
import dev.herald.core.hub.Connection;
import dev.herald.core.topic.TopicSelector;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One live stream as presence knows it, on whichever node it is.
 *
 * @param node      the node holding the stream
 * @param id        the stream's id on that node
 * @param user      the subscriber; empty when anonymous
 * @param selectors what the stream is subscribed to (the personal topic included)
 * @param since     when the stream opened
 */
public record LiveSubscription(NodeId node, String id, Optional<UserId> user, List<TopicSelector> selectors,
                               Instant since) {

    public LiveSubscription {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(since, "since");
        selectors = List.copyOf(selectors);
    }

    /** A stream of this process, on node {@code node}. */
    public static LiveSubscription of(NodeId node, Connection connection) {
        return new LiveSubscription(node, connection.id().toString(), connection.user(),
                connection.subscription().selectors(), connection.openedAt());
    }
}
