package dev.herald.core.hub;

import dev.herald.core.event.Event;
import dev.herald.core.log.ResetReason;

/**
 * Hears what the hub does, for metrics and logs. Called on the hub's own threads: implementations
 * must be fast and must not throw. Every method defaults to nothing.
 */
public interface HubObserver {

    HubObserver NONE = new HubObserver() { };

    default void connectionOpened(Connection connection) {
    }

    default void connectionClosed(Connection connection, CloseCause cause) {
    }

    default void eventPublished(Event event) {
    }

    /** One event written to one stream, {@code millisSinceAppend} after the log took it. */
    default void eventDelivered(long millisSinceAppend) {
    }

    default void eventsReplayed(int count) {
    }

    default void streamReset(Connection connection, ResetReason reason) {
    }
}
