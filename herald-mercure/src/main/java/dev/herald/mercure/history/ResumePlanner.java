package dev.herald.mercure.history;

import dev.herald.core.event.EventId;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.ReadResult;
import java.util.Optional;

/**
 * Turns a subscriber's {@code Last-Event-ID} into a {@link ResumePlan}.
 *
 * <ul>
 *   <li>None: live events only, no header.</li>
 *   <li>An id the log holds: everything after it, and the header repeats it.</li>
 *   <li>An id the log cannot place (never issued, or no longer retained): the stream starts at the
 *       head of the log and the header names the head, so the client can tell from the mismatch
 *       that it missed updates and reload, as the protocol intends. (Herald's own API would send a
 *       {@code herald.reset} event instead, which Mercure clients do not know.)</li>
 *   <li>{@code earliest}: the protocol lets a hub decline it, and Herald's log offers no read from
 *       its oldest event, so the stream starts at the head and the header says where (or
 *       {@code earliest} while the log is empty, when nothing can have been missed).</li>
 * </ul>
 * Starting "at the head" resumes after the head's id rather than going live, so an event published
 * between this read and the subscription is replayed, not lost.
 */
public final class ResumePlanner {

    private final EventLog log;
    private final LogHead head;

    public ResumePlanner(EventLog log, LogHead head) {
        this.log = log;
        this.head = head;
    }

    public ResumePlan plan(Optional<String> lastEventId) {
        if (lastEventId.isEmpty()) {
            return ResumePlan.LIVE;
        }
        String requested = lastEventId.get();
        if (requested.equals(ResumePlan.EARLIEST)) {
            return ResumePlan.atHead(head.current());
        }
        EventId id;
        try {
            id = EventId.of(requested);
        } catch (IllegalArgumentException noSuchId) {
            return ResumePlan.atHead(head.current());
        }
        return switch (log.readAfter(id, 1)) {
            case ReadResult.Found found -> ResumePlan.after(id);
            case ReadResult.Reset reset -> ResumePlan.atHead(reset.head().map(event -> event.id()));
        };
    }
}
