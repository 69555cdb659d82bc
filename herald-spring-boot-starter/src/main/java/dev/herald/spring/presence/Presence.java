package dev.herald.spring.presence;

import dev.herald.core.presence.LiveSubscription;
import dev.herald.core.presence.PresenceDirectory;
import dev.herald.core.topic.AnyTopic;
import dev.herald.core.topic.ExactTopic;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is subscribed (on this node, or on every node with a shared {@link PresenceDirectory} such as
 * Redis's), as far as a caller's {@code herald.subscribe} grants let them see: a subscription shows up with those of its selectors that a grant covers (an exact topic a
 * grant matches, or anything for a {@code *} grant), and not at all when none is covered. A
 * subscriber's template selectors are only visible to {@code *}, since no single topic of a
 * template proves the caller may see the whole template.
 */
public final class Presence {

    private final PresenceDirectory directory;

    public Presence(PresenceDirectory directory) {
        this.directory = directory;
    }

    /**
     * @param grants the caller's {@code herald.subscribe} selectors
     * @param topic  when present, only subscriptions that receive this topic
     * @throws dev.herald.core.presence.PresenceUnavailableException when a shared directory cannot be read
     */
    public SubscriptionList list(List<TopicSelector> grants, Optional<Topic> topic) {
        List<SubscriptionView> views = new ArrayList<>();
        for (LiveSubscription subscription : directory.subscriptions()) {
            List<TopicSelector> selectors = subscription.selectors();
            if (topic.isPresent() && selectors.stream().noneMatch(s -> s.matches(topic.get()))) {
                continue;
            }
            List<String> visible = selectors.stream().filter(s -> visible(s, grants)).map(TopicSelector::expression).toList();
            if (!visible.isEmpty()) {
                views.add(SubscriptionView.of(subscription, visible));
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
