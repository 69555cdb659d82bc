package dev.herald.mercure.subscriptions;

import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.hub.Hub;
import dev.herald.core.topic.Topic;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the protocol's subscription events: when a subscription starts and when it ends, a
 * private update to the subscription's IRI ({@code /.well-known/mercure/subscriptions/{topic}/{subscriber}})
 * whose data is its JSON-LD document. They go through Herald's log like any update, so they are
 * replayable and reach Herald's own subscribers with a matching grant too.
 */
public final class SubscriptionEvents {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEvents.class);

    /** Looked up on use: the hub hears the tracker that calls this, so it cannot be built before it. */
    private final Supplier<Hub> hub;
    private final JsonMapper json;

    public SubscriptionEvents(Supplier<Hub> hub, JsonMapper json) {
        this.hub = hub;
        this.json = json;
    }

    /**
     * One event per subscription of the subscriber. A failure (a log that is down, an IRI too long
     * for a topic) costs the event, never the stream: it is logged and the rest go on.
     */
    void publish(MercureSubscriber subscriber, boolean active) {
        for (SubscriptionDocument document : subscriber.documents(Optional.empty(), active, true)) {
            try {
                Publication update = new Publication(Optional.of(EventId.of("urn:uuid:" + UUID.randomUUID())),
                        EventType.MESSAGE, json.writeValueAsString(document), List.of(Topic.of(document.id())), true,
                        Optional.empty());
                hub.get().publish(update);
            } catch (RuntimeException e) {
                log.warn("the subscription event of {} (active={}) was not published: {}", document.id(), active, e.toString());
            }
        }
    }
}
