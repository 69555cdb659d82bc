package dev.herald.spring.presence;

import dev.herald.core.event.UserId;
import dev.herald.core.presence.LiveSubscription;
import java.util.List;

/**
 * One live subscription as {@code GET /api/subscriptions} shows it.
 *
 * @param id     the stream's id on its node
 * @param node   the node holding the stream ({@code herald.node})
 * @param user   the subscriber, or null when anonymous
 * @param topics the subscription's topic selectors that the caller may see
 * @param since  when the stream opened, ISO-8601 UTC
 */
public record SubscriptionView(String id, String node, String user, List<String> topics, String since) {

    public SubscriptionView {
        topics = List.copyOf(topics);
    }

    static SubscriptionView of(LiveSubscription subscription, List<String> visibleTopics) {
        return new SubscriptionView(subscription.id(), subscription.node().value(),
                subscription.user().map(UserId::value).orElse(null), visibleTopics, subscription.since().toString());
    }
}
