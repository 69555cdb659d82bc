package dev.herald.embedded;

import dev.herald.core.log.EpochIds;
import java.time.Clock;
import org.h2.mvstore.MVMap;

/**
 * What the store knows about its own history, kept in the same file as the events (map
 * {@value #MAP_NAME}) so that it is committed, and lost, together with them:
 * <ul>
 *   <li>{@code format}: the layout version of the store; a newer layout is refused, not misread;</li>
 *   <li>{@code epoch}: prefixes every generated id. It is drawn when the store file is created and
 *       survives restarts, so ids from before a restart still resolve; a new or deleted data
 *       directory draws a new one, so old ids are answered with {@code OTHER_EPOCH};</li>
 *   <li>{@code trimmed-through}: the newest position retention has dropped, so that positions keep
 *       growing across restarts even when retention has emptied the log, and so that a trimmed
 *       generated id is told apart ({@code EXPIRED}) from one never issued ({@code UNKNOWN}).</li>
 * </ul>
 * Thread-safe: the epoch is fixed, the trim mark is volatile (the map itself is concurrent).
 */
final class LogMetadata {

    static final String MAP_NAME = "herald.meta";
    static final String FORMAT = "1";
    /** The shape of epochs the in-memory log and this store draw: 8 or 9 base-36 digits. */

    private static final String KEY_FORMAT = "format";
    private static final String KEY_EPOCH = "epoch";
    private static final String KEY_CREATED_AT = "created-at";
    private static final String KEY_EPOCH_STARTED_AT = "epoch-started-at";
    private static final String KEY_TRIMMED_THROUGH = "trimmed-through";

    private final MVMap<String, String> map;
    private final String epoch;
    private final boolean created;
    private volatile long trimmedThrough;

    private LogMetadata(MVMap<String, String> map, String epoch, boolean created, long trimmedThrough) {
        this.map = map;
        this.epoch = epoch;
        this.created = created;
        this.trimmedThrough = trimmedThrough;
    }

    /**
     * Reads the metadata, or writes it for a new store.
     *
     * @param newEpoch draw a new epoch even for an existing store: after the tail of the file was
     *                 lost, positions past the recovered end will be issued again, and their ids
     *                 must not be mistaken for the lost events' ids that clients may hold
     */
    static LogMetadata openOrCreate(MVMap<String, String> map, Clock clock, boolean newEpoch) {
        String format = map.get(KEY_FORMAT);
        if (format == null) {
            String epoch = EpochIds.drawEpoch();
            String now = clock.instant().toString();
            map.put(KEY_FORMAT, FORMAT);
            map.put(KEY_EPOCH, epoch);
            map.put(KEY_CREATED_AT, now);
            map.put(KEY_EPOCH_STARTED_AT, now);
            map.put(KEY_TRIMMED_THROUGH, "0");
            return new LogMetadata(map, epoch, true, 0);
        }
        if (!FORMAT.equals(format)) {
            throw new IllegalStateException("the event store has layout format " + format
                    + ", this Herald reads format " + FORMAT + "; was it written by a newer version?");
        }
        long trimmedThrough = Long.parseLong(map.getOrDefault(KEY_TRIMMED_THROUGH, "0"));
        String epoch = map.get(KEY_EPOCH);
        if (newEpoch || epoch == null) {
            epoch = EpochIds.drawEpoch();
            map.put(KEY_EPOCH, epoch);
            map.put(KEY_EPOCH_STARTED_AT, clock.instant().toString());
        }
        return new LogMetadata(map, epoch, false, trimmedThrough);
    }

    String epoch() {
        return epoch;
    }

    /** Whether this life of the log created the store. */
    boolean created() {
        return created;
    }

    long trimmedThrough() {
        return trimmedThrough;
    }

    /**
     * Records that retention drops every position up to {@code position}. Called before the events
     * are removed, so that a reader who no longer finds an id already knows it was trimmed.
     */
    void trimmedThrough(long position) {
        if (position > trimmedThrough) {
            trimmedThrough = position;
            map.put(KEY_TRIMMED_THROUGH, Long.toString(position));
        }
    }
}
