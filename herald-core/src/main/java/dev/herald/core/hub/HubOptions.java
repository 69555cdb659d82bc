package dev.herald.core.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub treats streams.
 *
 * @param heartbeat      a comment is sent once a stream has been silent this long; no stream is
 *                       silent for more than 1.5 times this
 * @param maxLifetime    a stream ends cleanly after this long (with jitter), so that load
 *                       rebalances and credentials are checked again; the client resumes by id
 * @param lifetimeJitter the fraction by which each stream's lifetime varies, so that streams
 *                       opened together do not all reconnect together
 * @param clientRetry    the reconnection delay sent to clients at the start of each stream
 * @param outboxCapacity frames a stream may have waiting before it counts as a slow consumer
 * @param replayPageSize events read from the log at a time while replaying
 * @param maxWriteBytes  frames coalesced into one write at most this size
 * @param dispatchShards dispatcher threads the fan-out is split over; each stream belongs to one,
 *                       every one sees every event in log order
 * @param recentEvents   the newest events kept in memory, encoded, for replay to resuming streams
 *                       (0: every replay reads the log)
 * @param recentBytes    at most this much payload kept for replay (an estimate: twice the data's
 *                       length in chars, plus 128 bytes per event)
 */
public record HubOptions(
        Duration heartbeat,
        Duration maxLifetime,
        double lifetimeJitter,
        Duration clientRetry,
        int outboxCapacity,
        int replayPageSize,
        int maxWriteBytes,
        int dispatchShards,
        int recentEvents,
        long recentBytes) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final double DEFAULT_LIFETIME_JITTER = 0.2;
    public static final Duration DEFAULT_CLIENT_RETRY = Duration.ofSeconds(3);
    /** Enough for a burst while the client's TCP window is full; more only hides a dead client. */
    public static final int DEFAULT_OUTBOX_CAPACITY = 1024;
    public static final int DEFAULT_REPLAY_PAGE_SIZE = 256;
    public static final int DEFAULT_MAX_WRITE_BYTES = 64 * 1024;
    /** One per core: offering to the streams is the fan-out's CPU work, and it splits evenly. */
    public static final int DEFAULT_DISPATCH_SHARDS = Runtime.getRuntime().availableProcessors();
    /** Some minutes of a busy topic: a reconnect storm replays from memory what clients missed while away. */
    public static final int DEFAULT_RECENT_EVENTS = 4096;
    public static final long DEFAULT_RECENT_BYTES = 16L * 1024 * 1024;

    public static final HubOptions DEFAULTS = new HubOptions(DEFAULT_HEARTBEAT, DEFAULT_MAX_LIFETIME,
            DEFAULT_LIFETIME_JITTER, DEFAULT_CLIENT_RETRY, DEFAULT_OUTBOX_CAPACITY, DEFAULT_REPLAY_PAGE_SIZE,
            DEFAULT_MAX_WRITE_BYTES, DEFAULT_DISPATCH_SHARDS, DEFAULT_RECENT_EVENTS, DEFAULT_RECENT_BYTES);

    public HubOptions {
        positive(heartbeat, "heartbeat");
        positive(maxLifetime, "max lifetime");
        Objects.requireNonNull(clientRetry, "clientRetry");
        if (lifetimeJitter < 0 || lifetimeJitter >= 1) {
            throw new IllegalArgumentException("lifetime jitter must be in [0, 1), not " + lifetimeJitter);
        }
        if (outboxCapacity < 1 || replayPageSize < 1 || maxWriteBytes < 1 || dispatchShards < 1) {
            throw new IllegalArgumentException(
                    "outbox capacity, replay page size, write size and dispatch shards must be positive");
        }
        if (recentEvents < 0 || recentBytes < 0) {
            throw new IllegalArgumentException("recent events and bytes must not be negative");
        }
    }

    /** Options with {@link #DEFAULT_DISPATCH_SHARDS}, {@link #DEFAULT_RECENT_EVENTS} and {@link #DEFAULT_RECENT_BYTES}. */
    public HubOptions(Duration heartbeat, Duration maxLifetime, double lifetimeJitter, Duration clientRetry,
                      int outboxCapacity, int replayPageSize, int maxWriteBytes) {
        this(heartbeat, maxLifetime, lifetimeJitter, clientRetry, outboxCapacity, replayPageSize, maxWriteBytes,
                DEFAULT_DISPATCH_SHARDS, DEFAULT_RECENT_EVENTS, DEFAULT_RECENT_BYTES);
    }

    public HubOptions withHeartbeat(Duration value) {
        return new HubOptions(value, maxLifetime, lifetimeJitter, clientRetry, outboxCapacity, replayPageSize, maxWriteBytes,
                dispatchShards, recentEvents, recentBytes);
    }

    public HubOptions withMaxLifetime(Duration value) {
        return new HubOptions(heartbeat, value, lifetimeJitter, clientRetry, outboxCapacity, replayPageSize, maxWriteBytes,
                dispatchShards, recentEvents, recentBytes);
    }

    public HubOptions withOutboxCapacity(int value) {
        return new HubOptions(heartbeat, maxLifetime, lifetimeJitter, clientRetry, value, replayPageSize, maxWriteBytes,
                dispatchShards, recentEvents, recentBytes);
    }

    public HubOptions withClientRetry(Duration value) {
        return new HubOptions(heartbeat, maxLifetime, lifetimeJitter, value, outboxCapacity, replayPageSize, maxWriteBytes,
                dispatchShards, recentEvents, recentBytes);
    }

    public HubOptions withDispatchShards(int value) {
        return new HubOptions(heartbeat, maxLifetime, lifetimeJitter, clientRetry, outboxCapacity, replayPageSize,
                maxWriteBytes, value, recentEvents, recentBytes);
    }

    /** Keeps at most {@code events} events and {@code bytes} of payload in memory for replay. */
    public HubOptions withRecent(int events, long bytes) {
        return new HubOptions(heartbeat, maxLifetime, lifetimeJitter, clientRetry, outboxCapacity, replayPageSize,
                maxWriteBytes, dispatchShards, events, bytes);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
