package dev.herald.spring.presence;

import dev.herald.core.event.UserId;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import dev.herald.core.topic.AnyTopic;
import dev.herald.core.topic.ExactTopic;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who is subscribed on this node, as far as a caller's {@code herald.subscribe} grants let them
 * see: a subscription shows up with those of its selectors that a grant covers (an exact topic a
 * grant matches, or anything for a {@code *} grant), and not at all when none is covered. A
 * subscriber's template selectors are only visible to {@code *}, since no single topic of a
 * template proves the caller may see the whole template.
 */
public final class Presence {

    private final Hub hub;

    public Presence(Hub hub) {
        this.hub = hub;
    }

    /**
     * @param grants the caller's {@code herald.subscribe} selectors
     * @param topic  when present, only subscriptions that receive this topic
     */
    public SubscriptionList list(List<TopicSelector> grants, Optional<Topic> topic) {
        List<SubscriptionView> views = new ArrayList<>();
        List<Connection> connections = new ArrayList<>(hub.connections());
        connections.sort(Comparator.comparing(Connection::openedAt).thenComparing(c -> c.id().value()));
        for (Connection connection : connections) {
            if (!connection.isOpen()) {
                continue;
            }
            List<TopicSelector> selectors = connection.subscription().selectors();
            if (topic.isPresent() && selectors.stream().noneMatch(s -> s.matches(topic.get()))) {
                continue;
            }
            List<String> visible = selectors.stream().filter(s -> visible(s, grants)).map(TopicSelector::expression).toList();
            if (!visible.isEmpty()) {
                views.add(new SubscriptionView(connection.id().toString(),
                        connection.user().map(UserId::value).orElse(null), visible, connection.openedAt().toString()));
            }
        }
        return new SubscriptionList(views);
    }

    /** Whether some grant covers this topic, so that asking for it is allowed. */
    public static boolean granted(Topic topic, List<TopicSelector> grants) {
        return grants.stream().anyMatch(grant -> grant.matches(topic));
    }

    private static boolean visible(TopicSelector selector, List<TopicSelector> grants) {
        for (TopicSelector grant : grants) {
            if (grant instanceof AnyTopic) {
                return true;
            }
            if (selector instanceof ExactTopic exact && grant.matches(exact.topic())) {
                return true;
            }
        }
        return false;
    }
}
