package dev.herald.mercure.history;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.ReadResult;
import java.util.Optional;
import java.util.UUID;

/**
 * The id of the newest event in Herald's log: what Mercure calls the last event dispatched by the
 * hub, for the {@code Last-Event-ID} response header and the subscriptions API's
 * {@code lastEventID} and {@code ETag}.
 *
 * <p>{@link EventLog} has no read of its head, but its contract answers an id it cannot place with
 * a {@link ReadResult.Reset} that carries the newest event; so the head is read by asking what
 * follows an id nobody can have published (random per process, and starting with {@code #}, which
 * Mercure publishers may not use). One read, whatever the store; thread-safe.
 */
public final class LogHead {

    private static final int PAGE = 256;

    private final EventLog log;
    private final EventId probe = EventId.of("#herald-mercure-head-probe-" + UUID.randomUUID());

    public LogHead(EventLog log) {
        this.log = log;
    }

    /** The newest event's id; empty while the log holds no event. */
    public Optional<EventId> current() {
        EventId cursor = probe;
        while (true) {
            switch (log.readAfter(cursor, PAGE)) {
                case ReadResult.Reset reset -> {
                    return reset.head().map(Event::id);
                }
                case ReadResult.Found found -> {
                    // only if someone did publish the probe's id: then page to the end
                    if (!found.events().isEmpty()) {
                        cursor = found.events().getLast().id();
                    }
                    if (!found.more()) {
                        return Optional.of(cursor);
                    }
                }
            }
        }
    }
}
