package dev.herald.mercure.subscriptions;

import dev.herald.mercure.topic.MercureSelector;
import dev.herald.mercure.topic.UriComponent;
import dev.herald.mercure.web.MercurePaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One Mercure subscriber: one stream, with one subscription per {@code topic} it asked for.
 *
 * @param id      the subscriber's IRI, {@code urn:uuid:...}
 * @param topics  the topic selectors, as the subscriber wrote them, without duplicates
 * @param payload {@code mercure.payload} of its token, shown with its subscriptions
 */
public record MercureSubscriber(String id, List<String> topics, Optional<Object> payload) {

    public MercureSubscriber {
        Objects.requireNonNull(id, "id");
        topics = List.copyOf(new LinkedHashSet<>(topics));
        Objects.requireNonNull(payload, "payload");
    }

    public static MercureSubscriber create(List<MercureSelector> selectors, Optional<Object> payload) {
        return new MercureSubscriber("urn:uuid:" + UUID.randomUUID(), selectors.stream().map(MercureSelector::expression).toList(),
                payload);
    }

    /** The IRI of one of its subscriptions: the expansion of {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}}. */
    public String subscriptionIri(String topic) {
        return MercurePaths.SUBSCRIPTIONS + "/" + UriComponent.encode(topic) + "/" + UriComponent.encode(id);
    }

    /** Its subscriptions as JSON-LD documents; {@code topic} empty for all of them. */
    public List<SubscriptionDocument> documents(Optional<String> topic, boolean active, boolean withContext) {
        List<SubscriptionDocument> documents = new ArrayList<>(topics.size());
        for (String selector : topics) {
            if (topic.isEmpty() || topic.get().equals(selector)) {
                documents.add(SubscriptionDocument.of(this, selector, active, withContext));
            }
        }
        return documents;
    }
}
