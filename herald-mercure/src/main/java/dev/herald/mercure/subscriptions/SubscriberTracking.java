package dev.herald.mercure.subscriptions;

import dev.herald.core.hub.Connection;
import java.util.List;

/**
 * What the hub remembers of Mercure subscribers: nothing, or (with {@code herald.mercure.subscriptions=true})
 * every active one, announced by subscription events and listed by the subscriptions API.
 */
public sealed interface SubscriberTracking permits SubscriberTracking.Untracked, ActiveSubscriptions {

    /** Before the stream opens: the subscriber's "active" events go out now. */
    void starting(MercureSubscriber subscriber);

    /** The stream is open (or already over); its end will be announced. */
    void opened(Connection connection, MercureSubscriber subscriber);

    /** The active subscribers of this node. */
    List<MercureSubscriber> subscribers();

    /** The subscriptions API and subscription events are off. */
    enum Untracked implements SubscriberTracking {
        INSTANCE;

        @Override
        public void starting(MercureSubscriber subscriber) {
        }

        @Override
        public void opened(Connection connection, MercureSubscriber subscriber) {
        }

        @Override
        public List<MercureSubscriber> subscribers() {
            return List.of();
        }
    }
}
