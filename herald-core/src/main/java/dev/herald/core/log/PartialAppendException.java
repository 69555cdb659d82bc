package dev.herald.core.log;

import dev.herald.core.event.Event;
import java.util.List;
import java.util.Objects;

/**
 * A batch append stopped at one publication: {@link #stored()} are the publications before it, in
 * the log as durably as a single append promises; the failing one and those after it are not. The
 * cause is the failing publication's refusal, a {@link DuplicateEventIdException} or a
 * {@link LogUnavailableException}.
 */
public final class PartialAppendException extends RuntimeException {

    private final transient List<Event> stored;

    public PartialAppendException(List<Event> stored, RuntimeException cause) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
        if (!(cause instanceof DuplicateEventIdException) && !(cause instanceof LogUnavailableException)) {
            throw new IllegalArgumentException("not a refusal of the log: " + cause, cause);
        }
        this.stored = List.copyOf(stored);
    }

    /** The events stored before the failing publication, in order: as many as its index in the batch. */
    public List<Event> stored() {
        return stored;
    }

    /** The failing publication's refusal. */
    public RuntimeException refusal() {
        return (RuntimeException) getCause();
    }
}
