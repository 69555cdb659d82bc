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

    /**
     * One write to one stream carried {@code count} events (at least one): the hub coalesces what
     * queued up for a stream into one write and reports it once. {@code millisSinceAppend} is the
     * age of the oldest of them when the write returned, the longest any of them waited since the
     * log took it. Replayed events are reported by {@link #eventsReplayed} instead.
     */
    default void eventsDelivered(int count, long millisSinceAppend) {
    }

    default void eventsReplayed(int count) {
    }

    default void streamReset(Connection connection, ResetReason reason) {
    }
}
