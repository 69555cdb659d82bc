package dev.herald.core.log;

import dev.herald.core.event.EventId;

/** A publisher chose an id that the log already holds. */
public final class DuplicateEventIdException extends RuntimeException {

    private final EventId id;

    public DuplicateEventIdException(EventId id) {
        super("an event with id '" + id.value() + "' already exists; event ids must be unique");
        this.id = id;
    }

    public EventId id() {
        return id;
    }
}
