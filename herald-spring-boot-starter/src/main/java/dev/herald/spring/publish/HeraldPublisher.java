package dev.herald.spring.publish;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.event.UserId;
import dev.herald.core.hub.Hub;

/**
 * Publishes events from application code, in process: no HTTP, no token. Each method returns once
 * the event is in the log (with its final id); live streams receive it shortly after.
 *
 * <pre>{@code
 * publisher.notifyUser("alice", "notification", Map.of("text", "Your export is ready"));
 * publisher.publish(HeraldEvent.builder().topic("books/42").type("book.updated").data(book).build());
 * }</pre>
 *
 * Thread-safe.
 *
 * @see dev.herald.core.log.DuplicateEventIdException thrown when an event's own id is taken
 * @see dev.herald.core.log.LogUnavailableException thrown when the log cannot take events now
 */
public final class HeraldPublisher {

    private final Hub hub;
    private final PayloadEncoder encoder;

    public HeraldPublisher(Hub hub, PayloadEncoder encoder) {
        this.hub = hub;
        this.encoder = encoder;
    }

    public Event publish(Publication publication) {
        return hub.publish(publication);
    }

    /**
     * @throws IllegalArgumentException when the event has more than 100 targets
     */
    public Event publish(HeraldEvent event) {
        return hub.publish(event.toPublication(encoder.encode(event.data())));
    }

    /** A private event to one user's personal topic, {@code users/<user>}: every tab of theirs gets it. */
    public Event notifyUser(String user, String type, Object payload) {
        return notifyUser(UserId.of(user), EventType.of(type), payload);
    }

    public Event notifyUser(UserId user, EventType type, Object payload) {
        return publish(HeraldEvent.builder().user(user).type(type).data(payload).build());
    }
}
