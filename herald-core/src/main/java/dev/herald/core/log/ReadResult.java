package dev.herald.core.log;

import dev.herald.core.event.Event;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The answer of {@link EventLog#readAfter}: events to replay, or a reset. */
public sealed interface ReadResult {

    /**
     * The events after the requested id, oldest first, at most the requested limit.
     *
     * @param events the page, in log order
     * @param more   whether the log holds further events after the last one of the page
     * @param after  the position of the requested id itself: a reader that resumes after it has seen
     *               everything up to there, also when the page is empty (the hub then drops live
     *               copies of those events that reach it later, e.g. from another node's append)
     */
    record Found(List<Event> events, boolean more, LogPosition after) implements ReadResult {
        public Found {
            events = List.copyOf(events);
            Objects.requireNonNull(after, "after");
        }
    }

    /**
     * The log cannot tell what came after the id.
     *
     * @param reason why
     * @param head   the newest event in the log now, if any: a reset moves the client to it
     */
    record Reset(ResetReason reason, Optional<Event> head) implements ReadResult {
        public Reset {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(head, "head");
        }
    }
}
