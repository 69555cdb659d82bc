package dev.herald.core.log;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ordered history of events: the one storage seam of the hub. A new backend (embedded,
 * Redis, ...) is one implementation of this interface.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Order.</b> Every event gets a {@link LogPosition} greater than every earlier one; every
 *       reader, on every node, sees events in that order.</li>
 *   <li><b>Acknowledgement.</b> When {@link #append} returns, the event is in the log as durably as
 *       the implementation promises, and will be handed to every {@link #follow follower}.</li>
 *   <li><b>Ids.</b> A publisher's own id must be unique among retained events; otherwise the log
 *       generates one. Generated ids carry the log's epoch, so an id from an earlier life of the
 *       log (a restart of a memory log, a Redis that lost its data) is recognised as such and
 *       answered with a {@link ReadResult.Reset}, never confused with a new event.</li>
 *   <li><b>Retention.</b> The log keeps what its {@link RetentionPolicy} allows; an id whose
 *       successors may have been dropped is answered with a reset, never with a silent gap.</li>
 *   <li><b>Threads.</b> All methods are safe to call from any thread.</li>
 * </ul>
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends an event and returns it as stored.
     *
     * @throws DuplicateEventIdException when the publication's own id is taken
     * @throws LogUnavailableException   when the store cannot take it now; the event is not stored
     */
    Event append(Publication publication);

    /**
     * Appends publications in their order, as consecutive {@link #append}s would, and returns them
     * as stored. Another publisher's events may fall between them. A store overrides this when it can
     * make a batch durable at once (one sync, one round trip) rather than once per event.
     *
     * @throws PartialAppendException when one cannot be appended: those before it are stored, it and
     *                                those after it are not
     */
    default List<Event> appendAll(List<Publication> publications) {
        List<Event> stored = new ArrayList<>(publications.size());
        for (Publication publication : publications) {
            try {
                stored.add(append(publication));
            } catch (DuplicateEventIdException | LogUnavailableException e) {
                throw new PartialAppendException(stored, e);
            }
        }
        return stored;
    }

    /**
     * Reads up to {@code limit} events strictly after {@code lastEventId}, in log order.
     *
     * @return the events, or a reset when the log cannot tell what followed that id
     */
    ReadResult readAfter(EventId lastEventId, int limit);

    /**
     * Hands every event appended from now on, by this process or (for a shared store) by any node,
     * to {@code follower}, once each, in log order, on a thread the log chooses (the appending
     * thread for a local log, a reader thread for a shared one). The follower must not block. Only one follower is supported; it is the hub's dispatcher.
     *
     * @return a handle that stops following
     */
    AutoCloseable follow(Consumer<Event> follower);

    /**
     * The log's size and trims, for metrics: an optional ability, empty when the store does not
     * keep them or cannot tell now (a shared store that is unreachable). Called at scrape time, so
     * it must be cheap: at most one short round trip to a shared store, and it must not throw.
     */
    default Optional<LogStats> stats() {
        return Optional.empty();
    }

    /** Releases the log's resources. Appends after close fail. */
    @Override
    void close();
}
