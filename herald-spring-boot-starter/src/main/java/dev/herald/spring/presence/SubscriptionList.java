package dev.herald.spring.presence;

import java.util.List;

/** The body of {@code GET /api/subscriptions}: {@code {"subscriptions": [...]}}. */
public record SubscriptionList(List<SubscriptionView> subscriptions) {

    public SubscriptionList {
        subscriptions = List.copyOf(subscriptions);
    }
}
