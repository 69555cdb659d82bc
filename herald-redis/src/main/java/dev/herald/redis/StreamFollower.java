package dev.herald.redis;

import dev.herald.core.event.Event;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follower loop: cross-node fan-out. One platform thread, with a connection of its own (a
 * blocking {@code XREAD} would stall every command pipelined behind it), reads the stream after the
 * last entry it handed over and hands each entry to the hub's dispatcher in stream order. Every
 * node's appends arrive this way, this node's own included, so there is one path from the log to
 * the wire.
 *
 * <p>The cursor is the id of the last entry handed over and lives only in this thread. When Redis
 * restarts or the connection drops, the loop reconnects with {@link Backoff} and reads after the
 * same cursor: no entry twice, none skipped. Entries carry the log's epoch and a per-life count;
 * a jump in the count (entries trimmed before this node could read them, or lost by a Redis that
 * restarted without its data) is logged and counted in {@link RedisHealth}, never hidden.
 *
 * <p>Where following starts: the newest entry when {@link RedisEventLog#follow} is called. If Redis
 * cannot be reached then, the start is fixed by whichever comes first, this thread's first read or
 * this node's next append (which waits for it), so no append of this node can fall before it.
 */
final class StreamFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamFollower.class);
    private static final int BATCH = 512;

    /** The last entry handed over (or where following starts): id, and the epoch and count it carried. */
    private record Cursor(StreamId id, Optional<Epoch> epoch, OptionalLong count) {

        static Cursor at(Optional<StreamEntry> newest) {
            if (newest.isEmpty()) {
                return new Cursor(StreamId.ZERO, Optional.empty(), OptionalLong.empty());
            }
            StreamEntry entry = newest.get();
            try {
                return new Cursor(entry.id(), Optional.of(entry.epoch()), OptionalLong.of(entry.count()));
            } catch (RuntimeException notHerald) {
                // an entry Herald did not write: start after it, without continuity to check against
                return new Cursor(entry.id(), Optional.empty(), OptionalLong.empty());
            }
        }
    }

    private final RedisClient client;
    private final KeyLayout keys;
    private final Duration block;
    private final Duration timeout;
    private final Backoff backoff;
    private final RedisHealth health;
    private final Consumer<Event> follower;
    private final Consumer<StreamId> seen;
    private final ReentrantLock starting = new ReentrantLock();
    private final Thread thread;
    private volatile Cursor start;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean running = true;
    /** Owned by the follower thread. */
    private Cursor cursor;

    StreamFollower(RedisClient client, KeyLayout keys, Duration block, Duration timeout, Backoff backoff,
                   RedisHealth health, CommandChannel commands, Consumer<Event> follower, Consumer<StreamId> seen) {
        this.client = client;
        this.keys = keys;
        this.block = block;
        this.timeout = timeout;
        this.backoff = backoff;
        this.health = health;
        this.follower = follower;
        this.seen = seen;
        try {
            start = Cursor.at(commands.call(this::newest));
        } catch (RuntimeException unavailable) {
            log.warn("Redis is unavailable; following starts once it is reachable: {}", unavailable.getMessage());
        }
        this.thread = Thread.ofPlatform().name("herald-redis-follower").daemon().start(this::run);
    }

    /**
     * Called by an append before it writes: fixes where following starts if that is still open, so
     * the append lands after it.
     */
    void fixStart(CommandChannel commands) {
        if (start == null) {
            resolveStart(() -> commands.call(this::newest));
        }
    }

    private void resolveStart(Supplier<Optional<StreamEntry>> newest) {
        starting.lock();
        try {
            if (start == null) {
                start = Cursor.at(newest.get());
            }
        } finally {
            starting.unlock();
        }
    }

    private Optional<StreamEntry> newest(RedisCommands<String, String> commands) {
        List<StreamMessage<String, String>> newest = commands.xrevrange(keys.stream(), Range.unbounded(), Limit.from(1));
        return newest.isEmpty() ? Optional.empty() : Optional.of(StreamEntry.of(newest.get(0)));
    }

    private void run() {
        int failures = 0;
        XReadArgs read = XReadArgs.Builder.block(block).count(BATCH);
        while (running) {
            try {
                RedisCommands<String, String> commands = connected().sync();
                if (cursor == null) {
                    resolveStart(() -> newest(commands));
                    cursor = start;
                }
                if (failures > 0) {
                    log.info("following the Redis stream again after {}", cursor.id());
                    failures = 0;
                }
                health.followerUp();
                List<StreamMessage<String, String>> batch = commands.xread(read,
                        XReadArgs.StreamOffset.from(keys.stream(), cursor.id().toString()));
                if (batch != null) {
                    for (StreamMessage<String, String> message : batch) {
                        deliver(StreamEntry.of(message));
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!(e instanceof RedisException)) {
                    // a bug must not end cross-node fan-out for good: log it and go on from the cursor
                    log.error("the follower loop failed; carrying on after {}", cursor == null ? "its start" : cursor.id(), e);
                } else if (failures == 0) {
                    log.warn("lost the Redis stream; reconnecting with backoff: {}", e.toString());
                }
                health.followerDown(e);
                disconnect();
                LockSupport.parkNanos(backoff.delay(failures++).toNanos());
            }
        }
    }

    private void deliver(StreamEntry entry) {
        if (entry.id().compareTo(cursor.id()) <= 0) {
            return; // XREAD never does this; a cursor must never move back
        }
        Event event;
        Epoch epoch;
        long count;
        try {
            event = entry.event();
            epoch = entry.epoch();
            count = entry.count();
        } catch (RuntimeException undecodable) {
            log.error("skipping stream entry {} that is not a Herald event", entry.id(), undecodable);
            cursor = new Cursor(entry.id(), cursor.epoch(), cursor.count());
            return;
        }
        checkContinuity(epoch, count);
        health.epoch(epoch);
        cursor = new Cursor(entry.id(), Optional.of(epoch), OptionalLong.of(count));
        seen.accept(entry.id());
        try {
            follower.accept(event);
        } catch (RuntimeException e) {
            log.error("the follower failed on event {}", event.id(), e);
        }
    }

    private void checkContinuity(Epoch epoch, long count) {
        if (cursor.epoch().isPresent() && !cursor.epoch().get().equals(epoch)) {
            log.warn("the event log began a new life (epoch {} -> {}): Redis lost its data; ids of the old life "
                    + "now answer with a reset", cursor.epoch().get(), epoch);
            lost(count - 1);
        } else if (cursor.count().isPresent()) {
            long expected = cursor.count().getAsLong() + 1;
            if (count >= expected) {
                lost(count - expected);
            } else {
                // the same life, but Redis forgot its newest entries: a failover to a replica that
                // lagged, or a restart from an older snapshot; new entries still get higher ids
                log.warn("the log's count went back from {} to {}: Redis lost events it had acknowledged; they "
                        + "reached live streams, but replays will not have them", expected - 1, count);
            }
        }
    }

    private void lost(long missing) {
        if (missing > 0) {
            log.error("{} events of the log never reached this node's live streams (trimmed before this node "
                    + "read them, or lost by Redis); their clients see them only by reconnecting", missing);
            health.lost(missing);
        }
    }

    private StatefulRedisConnection<String, String> connected() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        disconnect();
        StatefulRedisConnection<String, String> fresh = client.connect(StringCodec.UTF8);
        // a blocking read may legitimately take the whole block time before answering
        fresh.setTimeout(block.plus(timeout));
        connection = fresh;
        if (!running) {
            disconnect();
            throw new RedisException("follower stopped");
        }
        return fresh;
    }

    private void disconnect() {
        StatefulRedisConnection<String, String> current = connection;
        connection = null;
        if (current != null) {
            current.closeAsync();
        }
    }

    /** Stops following; returns once the thread has ended or a block time has passed. */
    @Override
    public void close() {
        running = false;
        disconnect();
        thread.interrupt();
        try {
            thread.join(block.plus(timeout).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
