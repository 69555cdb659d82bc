package dev.herald.spring.support;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.HubObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers why streams ended, so tests can tell a slow-consumer cut from a client leaving. */
public final class RecordingObserver implements HubObserver {

    public record Closed(Connection connection, CloseCause cause) {
    }

    private final List<Closed> closed = new CopyOnWriteArrayList<>();

    @Override
    public void connectionClosed(Connection connection, CloseCause cause) {
        closed.add(new Closed(connection, cause));
    }

    public List<Closed> closed() {
        return List.copyOf(closed);
    }

    public Optional<CloseCause> causeFor(String user) {
        return closed.stream()
                .filter(c -> c.connection().user().map(u -> u.value().equals(user)).orElse(false))
                .map(Closed::cause)
                .findFirst();
    }
}
