package dev.herald.spring.config;

import dev.herald.core.event.Event;
import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.HubObserver;
import dev.herald.core.log.ResetReason;
import java.util.List;

/** Several {@link HubObserver} beans (metrics, logs, tests) heard as one, in bean order. */
record HubObservers(List<HubObserver> observers) implements HubObserver {

    HubObservers {
        observers = List.copyOf(observers);
    }

    static HubObserver of(List<HubObserver> observers) {
        return switch (observers.size()) {
            case 0 -> HubObserver.NONE;
            case 1 -> observers.getFirst();
            default -> new HubObservers(observers);
        };
    }

    @Override
    public void connectionOpened(Connection connection) {
        observers.forEach(o -> o.connectionOpened(connection));
    }

    @Override
    public void connectionClosed(Connection connection, CloseCause cause) {
        observers.forEach(o -> o.connectionClosed(connection, cause));
    }

    @Override
    public void eventPublished(Event event) {
        observers.forEach(o -> o.eventPublished(event));
    }

    @Override
    public void eventsDelivered(int count, long millisSinceAppend) {
        for (HubObserver observer : observers) {
            observer.eventsDelivered(count, millisSinceAppend);
        }
    }

    @Override
    public void eventsReplayed(int count) {
        observers.forEach(o -> o.eventsReplayed(count));
    }

    @Override
    public void streamReset(Connection connection, ResetReason reason) {
        observers.forEach(o -> o.streamReset(connection, reason));
    }
}
