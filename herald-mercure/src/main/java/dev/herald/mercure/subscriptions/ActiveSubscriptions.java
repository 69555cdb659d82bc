package dev.herald.mercure.subscriptions;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.ConnectionId;
import dev.herald.core.hub.HubObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The Mercure subscribers with an open stream on this node, and their subscription events.
 *
 * <p>A stream's end is learnt from the hub ({@link HubObserver#connectionClosed}), whatever ended it:
 * the client, token expiry, lifetime, a slow client, shutdown. The hub calls observers on its own
 * threads, which must not wait, so the "inactive" events are published on another thread.
 *
 * <p>A stream may end before {@link #opened} has recorded it; whoever removes the entry, the hub's
 * callback or {@code opened} seeing the stream already closed, announces the end, so it is
 * announced exactly once.
 */
public final class ActiveSubscriptions implements SubscriberTracking, HubObserver {

    private final Map<ConnectionId, MercureSubscriber> byConnection = new ConcurrentHashMap<>();
    private final SubscriptionEvents events;
    private final Executor publisher;

    public ActiveSubscriptions(SubscriptionEvents events, Executor publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    @Override
    public void starting(MercureSubscriber subscriber) {
        events.publish(subscriber, true);
    }

    @Override
    public void opened(Connection connection, MercureSubscriber subscriber) {
        byConnection.put(connection.id(), subscriber);
        if (!connection.isOpen()) {
            ended(connection.id());
        }
    }

    @Override
    public List<MercureSubscriber> subscribers() {
        return List.copyOf(byConnection.values());
    }

    @Override
    public void connectionClosed(Connection connection, CloseCause cause) {
        ended(connection.id());
    }

    private void ended(ConnectionId id) {
        MercureSubscriber subscriber = byConnection.remove(id);
        if (subscriber != null) {
            publisher.execute(() -> events.publish(subscriber, false));
        }
    }
}
