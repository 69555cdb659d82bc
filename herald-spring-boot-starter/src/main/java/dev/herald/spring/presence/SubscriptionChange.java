package dev.herald.spring.presence;

import java.util.List;

/**
 * The data of a subscription event: one topic of one subscription, and whether it is active (the
 * stream has just opened) or not (it has just closed). The fields are those of
 * {@code GET /api/subscriptions}, plus {@code active}.
 *
 * @param id     the stream's id on its node
 * @param node   the node holding the stream
 * @param user   the subscriber, or null when anonymous
 * @param topics the one topic this event is about
 * @param since  when the stream opened, ISO-8601 UTC
 * @param active true when the stream opened, false when it closed
 */
public record SubscriptionChange(String id, String node, String user, List<String> topics, String since, boolean active) {

    public SubscriptionChange {
        topics = List.copyOf(topics);
    }
}
