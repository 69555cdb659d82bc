package dev.herald.mercure.history;

import dev.herald.core.event.EventId;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Mercure stream starts: after which event the hub replays, and what the {@code Last-Event-ID}
 * response header says.
 *
 * @param resumeAfter        the event after which the stream starts; empty for live events only
 * @param lastEventIdHeader  the response header: the id of the event before the first one sent, or
 *                           {@code earliest} when there is none; empty when the request asked for no
 *                           resumption (the protocol sets the header only then)
 */
public record ResumePlan(Optional<EventId> resumeAfter, Optional<String> lastEventIdHeader) {

    public static final String EARLIEST = "earliest";
    public static final ResumePlan LIVE = new ResumePlan(Optional.empty(), Optional.empty());

    public ResumePlan {
        Objects.requireNonNull(resumeAfter, "resumeAfter");
        Objects.requireNonNull(lastEventIdHeader, "lastEventIdHeader");
    }

    /** Resume after {@code id}, whose value is also the header. */
    static ResumePlan after(EventId id) {
        return new ResumePlan(Optional.of(id), Optional.of(id.value()));
    }

    /**
     * Start at the head of the log: the header names the newest event (or {@code earliest} when the
     * log is empty), so a client that asked for something else sees that it missed events.
     */
    static ResumePlan atHead(Optional<EventId> head) {
        return new ResumePlan(head, Optional.of(head.map(EventId::value).orElse(EARLIEST)));
    }
}
