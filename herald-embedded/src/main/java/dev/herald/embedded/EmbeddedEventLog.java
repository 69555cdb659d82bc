package dev.herald.embedded;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.EpochIds;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.LogPosition;
import dev.herald.core.log.LogStats;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.core.log.PartialAppendException;
import dev.herald.core.log.ReadResult;
import dev.herald.core.log.ResetReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventLog} that keeps its history in one local file, on H2's MVStore, and survives
 * restarts and crashes: what it acknowledged, it keeps.
 *
 * <h2>What is durable when</h2>
 * <ul>
 *   <li><b>Acknowledged means synced.</b> {@link #append} returns only after the event has been
 *       written to the store file and the file forced to the disk: per append under
 *       {@link FlushPolicy.Always}, shared by every append of the interval under
 *       {@link FlushPolicy.Group} (the default). {@code kill -9} or a power cut after {@code append}
 *       returned loses nothing. An append that throws {@link LogUnavailableException} was not
 *       acknowledged; if the disk failed mid-sync its event may or may not be there after a
 *       restart.</li>
 *   <li><b>Durable before visible.</b> Readers ({@link #readAfter}) and the follower see an event
 *       only once it is synced, so no client is ever shown an event that a crash could take back,
 *       and the ids of events lost in a crash were never given out.</li>
 *   <li><b>Ids across restarts.</b> The epoch that prefixes generated ids, the id index (publishers'
 *       own ids included) and the trim mark live in the same file. After a restart an id from before
 *       resumes exactly, and positions keep growing. A new data directory draws a new epoch: old ids
 *       are answered with {@link ResetReason#OTHER_EPOCH}.</li>
 *   <li><b>Damaged tail.</b> A commit torn by a crash, or bytes chopped or garbled at the end of the
 *       file, are skipped on open with a WARN that says what was discarded and where the log now
 *       ends. The log then draws a new epoch, so that positions issued again after the recovered end
 *       never carry an id a client may hold from the lost tail.</li>
 *   <li><b>Retention</b> is enforced by a background trimmer ({@link RetentionTrimmer}), not by
 *       appends; an id whose successors were trimmed is answered with
 *       {@link ResetReason#EXPIRED}.</li>
 * </ul>
 *
 * <p>Positions count from 1 without gaps. Appends take one {@link ReentrantLock}, for the id check,
 * the position and the write into the store's maps (and, under {@code Always}, the sync). Reads
 * take no lock: MVStore maps are copy-on-write, so a reader works on a consistent snapshot.
 */
public final class EmbeddedEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedEventLog.class);
    static final String EVENTS_MAP = "herald.events";
    static final String IDS_MAP = "herald.ids";
    private static final Consumer<Event> NO_FOLLOWER = event -> { };
    /**
     * How long MVStore keeps chunks that no longer hold live data. Its default (45 s) is meant for
     * stores that do not sync; every commit here is synced before the next one is written, so a short
     * time is safe, and it bounds the garbage a high commit rate leaves in the file.
     */
    private static final int CHUNK_RETENTION_MILLIS = 2_000;

    private final EmbeddedStoreOptions options;
    private final MVStore store;
    private final MVMap<Long, byte[]> events;
    private final MVMap<String, Long> ids;
    private final LogMetadata metadata;
    /**
     * Fair under {@code Always}, where it is held across the sync: barging appenders would starve
     * others for hundreds of milliseconds. Under group commit it is held only briefly, and barging
     * is cheaper than a hand-off.
     */
    private final ReentrantLock appendLock;
    private final GroupCommitFlusher flusher;
    private final RetentionTrimmer trimmer;
    private volatile Consumer<Event> follower = NO_FOLLOWER;
    /** The newest synced position: readers see up to it, the follower has been handed up to it. */
    private volatile long durableThrough;
    private volatile boolean open = true;
    /** Guarded by the append lock. */
    private long nextPosition;
    private boolean closed;
    private RuntimeException failure;

    private EmbeddedEventLog(EmbeddedStoreOptions options, StoreFile.Opened opened) {
        this.options = options;
        this.appendLock = new ReentrantLock(options.flush() instanceof FlushPolicy.Always);
        this.store = opened.store();
        TailReport report = opened.report();
        try {
            store.setRetentionTime(CHUNK_RETENTION_MILLIS);
            this.events = store.openMap(EVENTS_MAP);
            this.ids = store.openMap(IDS_MAP);
            this.metadata = LogMetadata.openOrCreate(store.openMap(LogMetadata.MAP_NAME), options.clock(), report.tailLost());
            Long lastKey = events.lastKey();
            long last = Math.max(lastKey == null ? 0 : lastKey, metadata.trimmedThrough());
            this.nextPosition = last + 1;
            this.durableThrough = last;
            // a new store or a new epoch must be on disk before the first id that carries it
            store.commit();
            store.sync();
            report(report, lastKey);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        this.trimmer = new RetentionTrimmer(store, events, ids, metadata, options.retention(), options.clock(),
                () -> durableThrough);
        this.flusher = switch (options.flush()) {
            case FlushPolicy.Always always -> null;
            case FlushPolicy.Group group -> new GroupCommitFlusher(appendLock, group.interval(), new FlushSteps());
        };
        if (flusher != null) {
            flusher.start();
        }
        trimmer.start(options.trimInterval());
    }

    /**
     * Opens the log in {@code options.directory()}, creating the directory and the store if needed,
     * and recovering from a damaged tail.
     *
     * @throws IllegalStateException when the store is in use by another process, or damaged beyond
     *                               its tail (the message says which)
     */
    public static EmbeddedEventLog open(EmbeddedStoreOptions options) {
        return new EmbeddedEventLog(options, StoreFile.open(options.file()));
    }

    /** Opens the log in {@code directory} with the default options. */
    public static EmbeddedEventLog open(Path directory) {
        return open(EmbeddedStoreOptions.in(directory));
    }

    /** The epoch that prefixes every id this store generates, kept across restarts. */
    public String epoch() {
        return metadata.epoch();
    }

    public EmbeddedStoreOptions options() {
        return options;
    }

    /** Events retained now (the trimmer may not have caught up with retention yet). */
    public long size() {
        return events.sizeAsLong();
    }

    /** The events in the file, and those the trimmer dropped since the store was opened. */
    @Override
    public Optional<LogStats> stats() {
        try {
            return Optional.of(new LogStats(events.sizeAsLong(), trimmer.dropped()));
        } catch (RuntimeException closed) {
            // MVStoreException once the store is closed: nothing to report, and a scrape must not fail
            return Optional.empty();
        }
    }

    @Override
    public Event append(Publication publication) {
        if (flusher == null) {
            return appendAndSync(publication);
        }
        CommitGroup group;
        Event event;
        appendLock.lock();
        try {
            event = stage(publication);
            group = flusher.enlist(event);
        } finally {
            appendLock.unlock();
        }
        group.awaitDurable();
        return event;
    }

    /**
     * Under group commit, stages the whole batch under one hold of the append lock, so that it joins
     * one group and waits for one sync; under {@code Always}, one sync per event as {@link #append}.
     */
    @Override
    public List<Event> appendAll(List<Publication> publications) {
        if (flusher == null) {
            return EventLog.super.appendAll(publications);
        }
        List<Event> staged = new ArrayList<>(publications.size());
        CommitGroup group = null;
        RuntimeException refusal = null;
        appendLock.lock();
        try {
            for (Publication publication : publications) {
                try {
                    Event event = stage(publication);
                    group = flusher.enlist(event);
                    staged.add(event);
                } catch (DuplicateEventIdException | LogUnavailableException e) {
                    refusal = e;
                    break;
                }
            }
        } finally {
            appendLock.unlock();
        }
        if (group != null) {
            try {
                group.awaitDurable();
            } catch (LogUnavailableException e) {
                throw new PartialAppendException(List.of(), e);
            }
        }
        if (refusal != null) {
            throw new PartialAppendException(staged, refusal);
        }
        return staged;
    }

    /** {@link FlushPolicy.Always}: write, sync and hand over under the lock, one append at a time. */
    private Event appendAndSync(Publication publication) {
        appendLock.lock();
        try {
            Event event = stage(publication);
            try {
                store.commit();
                store.sync();
            } catch (RuntimeException e) {
                failure = e;
                log.error("the event store failed to commit event {}; it takes no more appends", event.id(), e);
                throw new LogUnavailableException("the event store could not make the event durable: " + e.getMessage(), e);
            }
            durableThrough = event.position().value();
            handOver(event);
            return event;
        } finally {
            appendLock.unlock();
        }
    }

    /** Holding the append lock: gives the event its id and position and writes it into the maps. */
    private Event stage(Publication publication) {
        if (closed) {
            throw new LogUnavailableException("the event log is closed", null);
        }
        if (failure != null) {
            throw new LogUnavailableException("the event store failed earlier and takes no appends: " + failure.getMessage(), failure);
        }
        long position = nextPosition;
        EventId id = publication.id().orElseGet(() -> EpochIds.generated(metadata.epoch(), position));
        try {
            if (ids.containsKey(id.value())) {
                throw new DuplicateEventIdException(id);
            }
            Event event = Event.from(publication, id, new LogPosition(position), options.clock().instant());
            // the event before its index entry: within one commit both land, and a reader that finds
            // the id finds the event
            events.put(position, EventRecordCodec.encode(event));
            ids.put(id.value(), position);
            nextPosition++;
            return event;
        } catch (MVStoreException e) {
            throw new LogUnavailableException("the event store cannot take the event: " + e.getMessage(), e);
        }
    }

    private void handOver(Event event) {
        try {
            follower.accept(event);
        } catch (RuntimeException e) {
            log.error("the follower failed on event {}", event.id(), e);
        }
    }

    @Override
    public ReadResult readAfter(EventId lastEventId, int limit) {
        if (!open) {
            throw new LogUnavailableException("the event log is closed", null);
        }
        try {
            // pin the versions this read walks through, so the store does not reuse their chunks meanwhile
            MVStore.TxCounter usage = store.registerVersionUsage();
            try {
                return read(lastEventId, Math.max(1, limit));
            } finally {
                store.deregisterVersionUsage(usage);
            }
        } catch (MVStoreException e) {
            throw new LogUnavailableException("the event store cannot be read: " + e.getMessage(), e);
        }
    }

    private ReadResult read(EventId lastEventId, int limit) {
        long durable = durableThrough;
        Long position = ids.get(lastEventId.value());
        if (position == null || position > durable) {
            return new ReadResult.Reset(EpochIds.classify(lastEventId, metadata.epoch(), metadata.trimmedThrough() + 1), head());
        }
        long expected = position + 1;
        List<Event> page = new ArrayList<>(Math.min(limit, 256));
        Cursor<Long, byte[]> cursor = events.cursor(expected);
        while (page.size() < limit && expected <= durable && cursor.hasNext()) {
            long found = cursor.next();
            if (found != expected) {
                break;
            }
            page.add(EventRecordCodec.decode(found, cursor.getValue()));
            expected++;
        }
        boolean complete = page.size() == limit || expected > durable;
        if (!complete) {
            // the successors of the id were trimmed while we looked it up: never hand out a gap
            return new ReadResult.Reset(ResetReason.EXPIRED, head());
        }
        return new ReadResult.Found(page, expected <= durable, new LogPosition(position));
    }

    /**
     * The newest durable event now. The trimmer may drop events while we look, up to
     * {@code maxEvents} behind a head newer than the one we saw, so look again until what we find
     * stays put; an empty answer means retention emptied the log.
     */
    private Optional<Event> head() {
        while (true) {
            long durable = durableThrough;
            Long position = events.floorKey(durable);
            if (position != null) {
                byte[] record = events.get(position);
                if (record != null) {
                    return Optional.of(EventRecordCodec.decode(position, record));
                }
            } else if (durable == durableThrough) {
                return Optional.empty();
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Events are handed over once synced, in position order: by the flusher thread under group
     * commit, by the appending thread (holding the append lock) under {@code Always}.
     */
    @Override
    public AutoCloseable follow(Consumer<Event> newFollower) {
        appendLock.lock();
        try {
            this.follower = newFollower;
        } finally {
            appendLock.unlock();
        }
        return () -> {
            appendLock.lock();
            try {
                if (follower == newFollower) {
                    follower = NO_FOLLOWER;
                }
            } finally {
                appendLock.unlock();
            }
        };
    }

    /** Runs the trimmer now; for tests, which cannot wait for the schedule. */
    int trimNow() {
        return trimmer.trim();
    }

    /**
     * Syncs what is pending, stops the flusher and the trimmer, and closes the file. Appends after
     * close fail; an append that was waiting for its group is synced first.
     */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            appendLock.unlock();
        }
        stopBackgroundWork();
        try {
            if (failure == null) {
                // no compaction on close: moving chunks is the engine's most intricate code path, and
                // a store that reuses freed space does not need it (see RetentionTrimmer)
                store.close();
            } else {
                store.closeImmediately();
            }
        } catch (MVStoreException e) {
            log.warn("closing the event store {} failed", options.file().toAbsolutePath(), e);
            store.closeImmediately();
        }
    }

    /**
     * For tests: dies as {@code kill -9} would leave the store. Stops the flusher and the trimmer
     * without a final commit and closes the file without writing anything, so the file ends with
     * the last commit the log made.
     */
    void crashForTest() {
        appendLock.lock();
        try {
            closed = true;
            failure = new IllegalStateException("crashed");
        } finally {
            appendLock.unlock();
        }
        stopBackgroundWork();
        store.closeImmediately();
    }

    /** Stops the flusher and the trimmer; reads are refused from here on. */
    private void stopBackgroundWork() {
        if (flusher != null) {
            flusher.close();
        }
        trimmer.close();
        open = false;
    }

    private void report(TailReport report, Long lastKey) {
        String file = report.file().toAbsolutePath().toString();
        if (!report.existed()) {
            log.info("Created the event store {} with epoch {}", file, metadata.epoch());
            return;
        }
        String end = lastKey == null
                ? "the log is empty (positions continue after " + (nextPosition - 1) + ")"
                : "the log ends at position " + lastKey + " (id " + EventRecordCodec.id(events.get(lastKey)) + ", appended at "
                        + EventRecordCodec.appendedAt(events.get(lastKey)) + ")";
        if (report.tailLost()) {
            log.warn("Recovered the event store {} from a damaged tail after {}: {}; {}. Events appended after it in the "
                            + "previous run are lost (appends are acknowledged only once synced, so acknowledged events "
                            + "are lost only if the file was damaged after it was written). New ids get a new epoch, {}, "
                            + "so that no id of the lost tail is issued again.",
                    file, report.cleanShutdown() ? "a clean shutdown" : "an unclean shutdown", report.describeLoss(), end,
                    metadata.epoch());
        } else if (!report.cleanShutdown()) {
            log.info("The event store {} was not closed cleanly; every commit is intact, {}; epoch {}", file, end, metadata.epoch());
        } else {
            log.info("Opened the event store {}: {}; epoch {}", file, end, metadata.epoch());
        }
    }

    /** Group commit, as the store does it. */
    private final class FlushSteps implements GroupCommitFlusher.Steps {
        @Override
        public void write() {
            store.commit();
        }

        @Override
        public void sync() {
            store.sync();
        }

        @Override
        public void durable(List<Event> group) {
            durableThrough = group.get(group.size() - 1).position().value();
            for (Event event : group) {
                handOver(event);
            }
        }

        @Override
        public void failed(RuntimeException cause) {
            failure = cause;
        }
    }
}
