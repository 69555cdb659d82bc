package dev.herald.redis;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.LogPosition;
import dev.herald.core.log.LogStats;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.core.log.PartialAppendException;
import dev.herald.core.log.ReadResult;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventLog} on a Redis stream, shared by every node of a hub: an event appended on any
 * node reaches every node's follower, once, in the same order, and any node can replay after any
 * id.
 *
 * <ul>
 *   <li><b>Append</b> is one atomic script ({@link AppendScript}): {@code XADD} with {@code MAXLEN ~}
 *       and {@code MINID ~} trimming, the publisher-id index and the epoch. Acknowledged means
 *       Redis has it, as durably as Redis's persistence settings make it.</li>
 *   <li><b>Ids</b> are {@code <epoch>-<millis>-<seq>} ({@link GeneratedId}); positions pack the
 *       stream id ({@link StreamId}). A publisher's own id stays taken for the retention's max
 *       age; ids of the generated shape count as taken ({@link DuplicateEventIdException}), since
 *       such an id may be, or become, one the log generates.</li>
 *   <li><b>Replay</b> is one atomic script ({@link ReadScript}) over an exclusive {@code XRANGE}.</li>
 *   <li><b>Follow</b> is a blocking {@code XREAD} loop on a thread and connection of its own
 *       ({@link StreamFollower}).</li>
 *   <li><b>Faults</b>: while Redis is unreachable, {@code append} and {@code readAfter} fail with
 *       {@link dev.herald.core.log.LogUnavailableException} at once (or after one timeout for a
 *       hung link), connections are re-established with backoff ({@link CommandChannel}), and the
 *       follower carries on after the last entry it handed over. {@link #health()} tells the state.</li>
 * </ul>
 *
 * <p>A {@code LogUnavailableException} from {@code append} does not prove the event was not
 * stored (the reply may be what was lost); a publisher that retries with its own id gets a
 * {@link DuplicateEventIdException} if it was.
 */
public final class RedisEventLog implements EventLog {

    private static final Logger log = LoggerFactory.getLogger(RedisEventLog.class);
    /** A read script blocks Redis while it runs: pages are capped whatever the caller asks. */
    static final int MAX_PAGE = 1000;

    private final RedisLogSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisHealth health = new RedisHealth(Clock.systemUTC());
    private final CommandChannel commands;
    private final AppendScript appendScript;
    private final ReadScript readScript;
    /** The highest position this node has appended or followed: the floor of a new life's ids. */
    private final AtomicLong highWater = new AtomicLong();
    private final ReentrantLock following = new ReentrantLock();
    private volatile StreamFollower follower;
    private final AtomicBoolean closed = new AtomicBoolean();

    public RedisEventLog(RedisLogSettings settings) {
        this.settings = settings;
        this.appendScript = new AppendScript(settings.keys(), settings.retention());
        this.readScript = new ReadScript(settings.keys(), settings.retention());
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(1)
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .build();
        RedisURI uri = RedisURI.create(settings.url());
        uri.setTimeout(settings.timeout());
        uri.setClientName("herald");
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).keepAlive(true).build())
                .build());
        this.commands = new CommandChannel(client, settings.timeout(), settings.backoff(), health);
    }

    @Override
    public Event append(Publication publication) {
        publication.id().ifPresent(id -> {
            if (GeneratedId.isReserved(id)) {
                // the whole generated-id space counts as taken: such an id may be, or become, a generated one
                throw new DuplicateEventIdException(id);
            }
        });
        Optional<StreamId> floor = beforeAppend();
        AppendScript.Reply reply = commands.call(redis -> appendScript.run(redis, publication, floor));
        return switch (reply) {
            case AppendScript.Reply.Duplicate duplicate -> throw new DuplicateEventIdException(publication.id().orElseThrow());
            case AppendScript.Reply.Appended appended -> {
                inLife(appended.epoch(), appended.newLife(), floor);
                yield stored(publication, appended.epoch(), appended.streamId());
            }
        };
    }

    /** Events per batch script call: a script holds Redis while it runs. */
    static final int MAX_BATCH = 100;

    /**
     * One {@code append.lua} call per {@value #MAX_BATCH} publications instead of one call per
     * event: one round trip, and the batch lands atomically.
     */
    @Override
    public List<Event> appendAll(List<Publication> publications) {
        List<Event> stored = new ArrayList<>(publications.size());
        int from = 0;
        while (from < publications.size()) {
            int to = Math.min(publications.size(), from + MAX_BATCH);
            for (int i = from; i < to; i++) {
                Optional<EventId> own = publications.get(i).id();
                if (own.isPresent() && GeneratedId.isReserved(own.get())) {
                    // the generated-id space counts as taken, as for append: the batch stops before it
                    to = i;
                    break;
                }
            }
            if (to == from) {
                throw new PartialAppendException(stored, new DuplicateEventIdException(publications.get(from).id().orElseThrow()));
            }
            List<Publication> chunk = publications.subList(from, to);
            AppendScript.BatchReply reply;
            try {
                Optional<StreamId> floor = beforeAppend();
                reply = commands.call(redis -> appendScript.runBatch(redis, chunk, floor));
                inLife(reply.epoch(), reply.newLife(), floor);
            } catch (LogUnavailableException e) {
                throw new PartialAppendException(stored, e);
            }
            for (int i = 0; i < reply.appended().size(); i++) {
                stored.add(stored(chunk.get(i), reply.epoch(), reply.appended().get(i)));
            }
            if (reply.stoppedAtDuplicate()) {
                throw new PartialAppendException(stored,
                        new DuplicateEventIdException(publications.get(stored.size()).id().orElseThrow()));
            }
            from = to;
        }
        return stored;
    }

    /** Before an append: the follower's start is fixed, and the floor of a new life's ids is this node's high water. */
    private Optional<StreamId> beforeAppend() {
        StreamFollower current = follower;
        if (current != null) {
            current.fixStart(commands);
        }
        long highest = highWater.get();
        return highest == 0 ? Optional.empty() : Optional.of(StreamId.fromPosition(new LogPosition(highest)));
    }

    /** After an append: says so when it began a new life of the log, and records the life for health. */
    private void inLife(Epoch epoch, boolean newLife, Optional<StreamId> floor) {
        if (newLife && floor.isPresent()) {
            log.warn("Redis had lost the event log (restarted without its data?): began a new life with "
                    + "epoch {}; ids of the old life now answer with a reset", epoch);
        } else if (newLife) {
            log.info("began the event log at {} with epoch {}", settings.keys().stream(), epoch);
        }
        health.epoch(epoch);
    }

    /** The event as stored under {@code streamId}: its own id, or one generated from the stream id. */
    private Event stored(Publication publication, Epoch epoch, StreamId streamId) {
        seen(streamId);
        EventId id = publication.id().orElseGet(() -> new GeneratedId(epoch, streamId).eventId());
        return Event.from(publication, id, streamId.toPosition(), Instant.ofEpochMilli(streamId.millis()));
    }

    @Override
    public ReadResult readAfter(EventId lastEventId, int limit) {
        int page = Math.clamp(limit, 1, MAX_PAGE);
        ReadScript.Reply reply = commands.call(redis -> readScript.run(redis, lastEventId, page));
        return switch (reply) {
            case ReadScript.Reply.Reset reset -> new ReadResult.Reset(reset.reason(), reset.head().map(StreamEntry::event));
            case ReadScript.Reply.Page found -> {
                List<StreamEntry> entries = found.entries();
                int size = Math.min(page, entries.size());
                List<Event> events = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    events.add(entries.get(i).event());
                }
                yield new ReadResult.Found(events, entries.size() > page, found.after().toPosition());
            }
        };
    }

    /**
     * Starts the follower loop. Only one follower at a time: a second call while one runs fails.
     *
     * @throws IllegalStateException when a follower already runs
     */
    @Override
    public AutoCloseable follow(Consumer<Event> newFollower) {
        following.lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("the Redis event log is closed");
            }
            if (follower != null) {
                throw new IllegalStateException("the Redis event log already has a follower");
            }
            StreamFollower started = new StreamFollower(client, settings.keys(), settings.followBlock(),
                    settings.timeout(), settings.backoff(), health, commands, newFollower, this::seen);
            follower = started;
            return () -> stop(started);
        } finally {
            following.unlock();
        }
    }

    /**
     * The stream's length ({@code XLEN}: Redis trims in whole radix-tree nodes, so up to about a hundred
     * entries beyond {@code max-events}) and the entries dropped in this life of the log: appended
     * ({@code <prefix>count}) minus still there. Both are the hub's, not this node's: every node reports
     * the same. Empty while Redis cannot be reached.
     */
    @Override
    public Optional<LogStats> stats() {
        try {
            return commands.call(redis -> {
                long length = redis.xlen(settings.keys().stream());
                String count = redis.get(settings.keys().count());
                long appended = count == null ? 0 : Long.parseLong(count);
                return Optional.of(new LogStats(length, Math.max(0, appended - length)));
            });
        } catch (LogUnavailableException e) {
            return Optional.empty();
        }
    }

    /** The state of this node's link to Redis. */
    public RedisHealth health() {
        return health;
    }

    public RedisLogSettings settings() {
        return settings;
    }

    /** The command connection, shared with this node's {@link RedisPresence}. */
    CommandChannel commands() {
        return commands;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StreamFollower current = follower;
        if (current != null) {
            stop(current);
        }
        commands.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private void stop(StreamFollower stopping) {
        following.lock();
        try {
            if (follower == stopping) {
                follower = null;
            }
        } finally {
            following.unlock();
        }
        stopping.close();
    }

    private void seen(StreamId id) {
        long position = id.toPosition().value();
        highWater.accumulateAndGet(position, Math::max);
    }
}
