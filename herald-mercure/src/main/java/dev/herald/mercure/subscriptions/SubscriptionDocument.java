package dev.herald.mercure.subscriptions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One subscription as the protocol's JSON-LD shows it, in subscription events and the subscriptions
 * API. Absent members ({@code @context} inside a collection, {@code payload}, {@code lastEventID}
 * outside the API) are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionDocument(
        @JsonProperty("@context") String context,
        String id,
        String type,
        String topic,
        String subscriber,
        boolean active,
        Object payload,
        String lastEventID) {

    public static final String CONTEXT = "https://mercure.rocks/";
    public static final String TYPE = "Subscription";

    static SubscriptionDocument of(MercureSubscriber subscriber, String topic, boolean active, boolean withContext) {
        return new SubscriptionDocument(withContext ? CONTEXT : null, subscriber.subscriptionIri(topic), TYPE, topic,
                subscriber.id(), active, subscriber.payload().orElse(null), null);
    }

    /** The document of the subscriptions API, which adds the hub's last event id. */
    public SubscriptionDocument withLastEventId(String lastEventId) {
        return new SubscriptionDocument(context, id, type, topic, subscriber, active, payload, lastEventId);
    }
}
