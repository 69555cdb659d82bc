package dev.herald.core.log;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A bounded log in memory: a ring of the last {@link RetentionPolicy#maxEvents()} events, none
 * older than {@link RetentionPolicy#maxAge()}. Nothing survives the process; every life of the
 * log has a fresh random epoch, so ids from an earlier life are answered with
 * {@link ResetReason#OTHER_EPOCH}.
 *
 * <p>Positions count from 1 without gaps, so an id's successor is found by index. Generated ids
 * read {@code <epoch>-<position>}. Appends and reads take one short lock; the follower is called
 * under it, which keeps hand-off order equal to log order.
 */
public final class InMemoryEventLog implements EventLog {

    private final RetentionPolicy retention;
    private final Clock clock;
    private final String epoch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Event[] ring;
    private final Map<EventId, Long> positionsById = new HashMap<>();
    /** Position of the oldest retained event; {@code next} when empty. */
    private long first = 1;
    /** Position the next append gets. */
    private long next = 1;
    private Consumer<Event> follower = event -> { };
    private boolean closed;

    public InMemoryEventLog(RetentionPolicy retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
        this.ring = new Event[retention.maxEvents()];
        this.epoch = EpochIds.drawEpoch();
    }

    public InMemoryEventLog(RetentionPolicy retention) {
        this(retention, Clock.systemUTC());
    }

    /** The epoch that prefixes every id this life of the log generates. */
    public String epoch() {
        return epoch;
    }

    @Override
    public Event append(Publication publication) {
        lock.lock();
        try {
            if (closed) {
                throw new LogUnavailableException("the event log is closed", null);
            }
            Instant now = clock.instant();
            trimByAge(now);
            long position = next;
            EventId id = publication.id().orElseGet(() -> EpochIds.generated(epoch, position));
            if (positionsById.containsKey(id)) {
                throw new DuplicateEventIdException(id);
            }
            if (next - first == ring.length) {
                dropOldest();
            }
            Event event = Event.from(publication, id, new LogPosition(position), now);
            ring[slot(position)] = event;
            positionsById.put(id, position);
            next++;
            follower.accept(event);
            return event;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ReadResult readAfter(EventId lastEventId, int limit) {
        lock.lock();
        try {
            trimByAge(clock.instant());
            Long position = positionsById.get(lastEventId);
            if (position == null) {
                return new ReadResult.Reset(EpochIds.classify(lastEventId, epoch, first), head());
            }
            long from = position + 1;
            long to = Math.min(next, from + Math.max(1, limit));
            List<Event> page = new ArrayList<>((int) (to - from));
            for (long p = from; p < to; p++) {
                page.add(ring[slot(p)]);
            }
            return new ReadResult.Found(page, to < next, new LogPosition(position));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AutoCloseable follow(Consumer<Event> newFollower) {
        lock.lock();
        try {
            this.follower = newFollower;
        } finally {
            lock.unlock();
        }
        return () -> {
            lock.lock();
            try {
                if (follower == newFollower) {
                    follower = event -> { };
                }
            } finally {
                lock.unlock();
            }
        };
    }

    /** Retained events, and those dropped by retention since this log was made (the positions before the first retained). */
    @Override
    public Optional<LogStats> stats() {
        lock.lock();
        try {
            trimByAge(clock.instant());
            return Optional.of(new LogStats(next - first, first - 1));
        } finally {
            lock.unlock();
        }
    }

    /** Number of events retained now. */
    public int size() {
        lock.lock();
        try {
            return (int) (next - first);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private Optional<Event> head() {
        return next == first ? Optional.empty() : Optional.of(ring[slot(next - 1)]);
    }

    private void trimByAge(Instant now) {
        Instant oldestKept = now.minus(retention.maxAge());
        while (first < next && ring[slot(first)].appendedAt().isBefore(oldestKept)) {
            dropOldest();
        }
    }

    private void dropOldest() {
        int slot = slot(first);
        positionsById.remove(ring[slot].id());
        ring[slot] = null;
        first++;
    }

    private int slot(long position) {
        return (int) (position % ring.length);
    }
}
