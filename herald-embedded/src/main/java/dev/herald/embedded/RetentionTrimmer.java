package dev.herald.embedded;

import dev.herald.core.log.RetentionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the {@link RetentionPolicy} in the background: drops the oldest events beyond
 * {@code maxEvents} and those older than {@code maxAge}, oldest first.
 *
 * <p>It never takes the append lock: MVStore maps take concurrent updates, and the trimmer only
 * touches positions at the old end of the log, which appends never write. Readers never see a gap:
 * the trim mark is raised before anything is removed, and the log checks that a page starts right
 * after the requested id (see {@link EmbeddedEventLog#readAfter}).
 *
 * <p>Trims are not synced on their own: they reach the file with the next commit. A trim lost in
 * a crash is simply done again.
 */
final class RetentionTrimmer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionTrimmer.class);
    /** Rewrite sparse chunks when the live share of the file falls below this (percent). */
    private static final int COMPACT_FILL_RATE = 50;
    /** Bytes rewritten per compaction step: small, as the commit that writes them holds the append lock. */
    private static final int COMPACT_WRITE_BYTES = 256 * 1024;

    private final MVStore store;
    private final MVMap<Long, byte[]> events;
    private final MVMap<String, Long> ids;
    private final LogMetadata metadata;
    private final RetentionPolicy retention;
    private final Clock clock;
    private final LongSupplier durableThrough;
    private final ScheduledExecutorService scheduler;
    /** Events dropped since the store was opened. */
    private final AtomicLong dropped = new AtomicLong();

    RetentionTrimmer(MVStore store, MVMap<Long, byte[]> events, MVMap<String, Long> ids, LogMetadata metadata,
            RetentionPolicy retention, Clock clock, LongSupplier durableThrough) {
        this.store = store;
        this.events = events;
        this.ids = ids;
        this.metadata = metadata;
        this.retention = retention;
        this.clock = clock;
        this.durableThrough = durableThrough;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("herald-embedded-trimmer").daemon().factory());
    }

    void start(Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::trimQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void trimQuietly() {
        try {
            if (trim() > 0) {
                store.compact(COMPACT_FILL_RATE, COMPACT_WRITE_BYTES);
            }
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                log.warn("trimming the event store failed; retrying at the next interval", e);
            }
        }
    }

    /**
     * Drops what retention no longer allows, among durable events only.
     *
     * @return how many events were dropped
     */
    int trim() {
        // pin the versions the scans below walk through, so the store does not reuse their chunks meanwhile
        MVStore.TxCounter usage = store.registerVersionUsage();
        try {
            return trimPinned();
        } finally {
            store.deregisterVersionUsage(usage);
        }
    }

    private int trimPinned() {
        Long first = events.firstKey();
        if (first == null) {
            return 0;
        }
        long durable = durableThrough.getAsLong();
        long keepFrom = Math.max(first, durable - retention.maxEvents() + 1);
        Instant oldestKept = clock.instant().minus(retention.maxAge());
        Cursor<Long, byte[]> aging = events.cursor(keepFrom);
        while (aging.hasNext()) {
            long position = aging.next();
            if (position > durable || !EventRecordCodec.appendedAt(aging.getValue()).isBefore(oldestKept)) {
                break;
            }
            keepFrom = position + 1;
        }
        if (keepFrom <= first) {
            return 0;
        }
        metadata.trimmedThrough(keepFrom - 1);
        int dropped = 0;
        Cursor<Long, byte[]> doomed = events.cursor(first, keepFrom - 1, false);
        while (doomed.hasNext()) {
            long position = doomed.next();
            // the index entry first: an id must never point at a removed event that a crash kept
            ids.remove(EventRecordCodec.id(doomed.getValue()), position);
            events.remove(position);
            dropped++;
        }
        this.dropped.addAndGet(dropped);
        return dropped;
    }

    /** Events dropped by retention since the store was opened. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
