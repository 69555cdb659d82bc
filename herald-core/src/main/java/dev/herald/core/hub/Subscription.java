package dev.herald.core.hub;

import dev.herald.core.event.Event;
import dev.herald.core.event.UserId;
import dev.herald.core.topic.ExactTopic;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one stream receives: events any of whose topics match one of {@code selectors}; a private
 * event only when, in addition, one of its topics matches one of {@code privateGrants}.
 * An authenticated user is always subscribed to, and granted, their personal topic.
 */
public record Subscription(Optional<UserId> user, List<TopicSelector> selectors, List<TopicSelector> privateGrants) {

    public Subscription {
        Objects.requireNonNull(user, "user");
        selectors = List.copyOf(new LinkedHashSet<>(selectors));
        privateGrants = List.copyOf(new LinkedHashSet<>(privateGrants));
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one topic");
        }
    }

    /** A user's subscription: the requested selectors and granted ones, plus the personal topic. */
    public static Subscription forUser(UserId user, List<TopicSelector> requested, List<TopicSelector> grants) {
        ExactTopic personal = new ExactTopic(user.personalTopic());
        List<TopicSelector> selectors = new ArrayList<>(requested);
        selectors.add(personal);
        List<TopicSelector> granted = new ArrayList<>(grants);
        granted.add(personal);
        return new Subscription(Optional.of(user), selectors, granted);
    }

    /** An anonymous subscription: public events only. */
    public static Subscription anonymous(List<TopicSelector> requested) {
        return new Subscription(Optional.empty(), requested, List.of());
    }

    /** Whether this stream may receive the event. */
    public boolean accepts(Event event) {
        return anyMatch(selectors, event.topics()) && (!event.privateEvent() || anyMatch(privateGrants, event.topics()));
    }

    private static boolean anyMatch(List<TopicSelector> selectors, List<Topic> topics) {
        for (TopicSelector selector : selectors) {
            for (Topic topic : topics) {
                if (selector.matches(topic)) {
                    return true;
                }
            }
        }
        return false;
    }
}
