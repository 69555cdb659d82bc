package dev.herald.spring.presence;

import java.util.List;

/**
 * One live subscription as {@code GET /api/subscriptions} shows it.
 *
 * @param id     the stream's id on its node
 * @param user   the subscriber, or null when anonymous
 * @param topics the subscription's topic selectors that the caller may see
 * @param since  when the stream opened, ISO-8601 UTC
 */
public record SubscriptionView(String id, String user, List<String> topics, String since) {

    public SubscriptionView {
        topics = List.copyOf(topics);
    }
}
