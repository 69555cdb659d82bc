package dev.herald.mercure.subscriptions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A collection of the subscriptions API.
 *
 * @param id            the URL the collection was requested at
 * @param lastEventID   the hub's last event id at the time of the request ({@code earliest} if none)
 * @param subscriptions the active subscriptions, without their own {@code @context}
 */
public record SubscriptionCollection(
        @JsonProperty("@context") String context,
        String id,
        String type,
        String lastEventID,
        List<SubscriptionDocument> subscriptions) {

    public static final String TYPE = "Subscriptions";

    public SubscriptionCollection {
        subscriptions = List.copyOf(subscriptions);
    }

    static SubscriptionCollection of(String id, String lastEventId, List<SubscriptionDocument> subscriptions) {
        return new SubscriptionCollection(SubscriptionDocument.CONTEXT, id, TYPE, lastEventId, subscriptions);
    }
}
