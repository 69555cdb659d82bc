package dev.herald.core.hub;

import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.PartialAppendException;
import dev.herald.core.sse.SseEncoder;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub: publishes events into the log and fans out what the log hands back to the live streams
 * of this process.
 *
 * <p>Publishing appends to the {@link EventLog} and returns once the log has the event; the log
 * then hands every event (this node's and, on a shared store, every other node's) to every
 * {@link Dispatcher} shard; the event is encoded once, and each shard queues it for the matching
 * streams among its own ({@link HubOptions#dispatchShards}, one per core by default). Each stream is
 * written by its own virtual thread while it has something to send; a stream that cannot keep up
 * is closed and resumes from the log.
 *
 * <p>Thread-safe. {@link #close} ends every stream with {@link CloseCause#SHUTDOWN}.
 */
public final class Hub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final EventLog eventLog;
    private final HubOptions options;
    private final HubObserver observer;
    private final Clock clock;
    private final Map<ConnectionId, Connection> connections = new ConcurrentHashMap<>();
    private final StreamWriter writer;
    /** The newest dispatched events, for replay from memory. */
    private final RecentEvents recent;
    /** Whether resuming streams catch up from {@link #recent} instead of queuing live events meanwhile. */
    private final boolean catchUpFromMemory;
    private final Closer closer;
    private final Dispatcher[] shards;
    /** Streams are dealt to the shards in turn. */
    private final AtomicInteger nextShard = new AtomicInteger();
    private final Heartbeats heartbeats;
    private final AutoCloseable following;
    /** Publishes between their call and their return, so a shutdown can wait for them. */
    private final AtomicInteger publishing = new AtomicInteger();

    public Hub(EventLog eventLog, HubOptions options, HubObserver observer, Clock clock) {
        this.eventLog = eventLog;
        this.options = options;
        this.observer = observer;
        this.clock = clock;
        // One name for all writers: a numbered name costs a shared counter and a string per thread,
        // and a writer thread is started per stream per event. Nor does a writer copy the inheritable
        // thread locals of the thread that starts it (a dispatcher, a request thread): it needs none,
        // and the copy was a map per writer (scale.md §22).
        this.closer = new Closer("herald-closer");
        this.recent = new RecentEvents(options.recentEvents(), options.recentBytes());
        // A resuming stream catches up from the ring rather than through its outbox when the ring
        // reaches at least as far back as an outbox holds: a stream the ring can no longer serve
        // would have overflowed its outbox too, and ends as a slow consumer either way.
        this.catchUpFromMemory = options.recentEvents() > 0 && options.recentEvents() >= options.outboxCapacity();
        this.writer = new StreamWriter(eventLog, recent, options, observer,
                Thread.ofVirtual().name("herald-writer").inheritInheritableThreadLocals(false).factory(),
                closer, clock);
        this.shards = new Dispatcher[options.dispatchShards()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Dispatcher(shards.length == 1 ? "herald-dispatcher" : "herald-dispatcher-" + i);
        }
        this.heartbeats = new Heartbeats(connections.values(), options.heartbeat(), options.clientRetry(), clock);
        for (Dispatcher shard : shards) {
            shard.start();
        }
        this.closer.start();
        this.heartbeats.start();
        this.following = eventLog.follow(this::dispatch);
    }

    public Hub(EventLog eventLog, HubOptions options) {
        this(eventLog, options, HubObserver.NONE, Clock.systemUTC());
    }

    /**
     * Publishes an event: returns once the log holds it; live streams get it shortly after.
     *
     * @throws dev.herald.core.log.DuplicateEventIdException when its own id is taken
     * @throws dev.herald.core.log.LogUnavailableException   when the log cannot take it now
     */
    public Event publish(Publication publication) {
        publishing.incrementAndGet();
        try {
            Event event = eventLog.append(publication);
            observer.eventPublished(event);
            return event;
        } finally {
            publishing.decrementAndGet();
        }
    }

    /**
     * Publishes events in their order, as consecutive {@link #publish}es would but with one wait for
     * the log ({@link EventLog#appendAll}): returns once the log holds them all.
     *
     * @throws dev.herald.core.log.PartialAppendException when one cannot be appended: those before it
     *                                                    are published, it and those after it are not
     */
    public List<Event> publishAll(List<Publication> publications) {
        publishing.incrementAndGet();
        try {
            List<Event> events;
            try {
                events = eventLog.appendAll(publications);
            } catch (PartialAppendException e) {
                e.stored().forEach(observer::eventPublished);
                throw e;
            }
            events.forEach(observer::eventPublished);
            return events;
        } finally {
            publishing.decrementAndGet();
        }
    }

    /** Publishes under way: called and not yet returned. A graceful shutdown waits for them. */
    public int publishesInFlight() {
        return publishing.get();
    }

    /**
     * Opens a stream on {@code sink}: first a comment and a {@code retry:} line, then, when resuming,
     * the missed events (or a {@code herald.reset}), then live events.
     */
    public Connection subscribe(SubscribeRequest request, SseSink sink) {
        return subscribe(request, sink, () -> { });
    }

    /**
     * Opens a stream as {@link #subscribe(SubscribeRequest, SseSink)} does, and runs
     * {@code beforeWriting} on the calling thread once the stream is in the fan-out (every event
     * published from then on reaches it) and before anything is written to it. A servlet sends the
     * response's status line and headers there: a client that sees them is subscribed, and sees them
     * even while the writers are busy. When {@code beforeWriting} throws, the stream is closed as
     * {@link CloseCause#CLIENT_GONE} and the exception is rethrown.
     */
    public Connection subscribe(SubscribeRequest request, SseSink sink, Runnable beforeWriting) {
        Instant now = clock.instant();
        long lifetimeEnd = now.toEpochMilli() + jittered(options.maxLifetime().toMillis());
        long deadline = lifetimeEnd;
        CloseCause deadlineCause = CloseCause.LIFETIME;
        if (request.credentialsExpireAt().isPresent()
                && request.credentialsExpireAt().get().toEpochMilli() < lifetimeEnd) {
            deadline = request.credentialsExpireAt().get().toEpochMilli();
            deadlineCause = CloseCause.TOKEN_EXPIRED;
        }
        int shard = Math.floorMod(nextShard.getAndIncrement(), shards.length);
        Connection connection = new Connection(request, sink, now, deadline, deadlineCause,
                options.outboxCapacity(), shard, writer, this::forget,
                request.lastEventId().isPresent() && catchUpFromMemory);
        // the opener holds the stream's writer claim until beforeWriting has run: an event that
        // reaches the stream meanwhile waits in its outbox instead of starting a writer beside it
        connection.outbox().claim();
        connections.put(connection.id(), connection);
        shards[shard].add(connection);
        observer.connectionOpened(connection);
        try {
            beforeWriting.run();
        } catch (RuntimeException e) {
            // the claim stays taken: no writer ever starts on this stream
            connection.close(CloseCause.CLIENT_GONE);
            throw e;
        }
        writer.start(connection);
        return connection;
    }

    /** Live streams in this process. */
    public int connectionCount() {
        return connections.size();
    }

    /** A read-only view of the live streams in this process. */
    public Collection<Connection> connections() {
        return Collections.unmodifiableCollection(connections.values());
    }

    /** Events the log has handed over that are not yet queued to streams (in the furthest-behind shard). */
    public int dispatchBacklog() {
        int backlog = 0;
        for (Dispatcher shard : shards) {
            backlog = Math.max(backlog, shard.backlog());
        }
        return backlog;
    }

    public HubOptions options() {
        return options;
    }

    /**
     * Ends every stream cleanly: each gets a {@code retry:} hint and is closed once its outbox is
     * written, so its client comes back (to this or another node) and resumes by id.
     */
    public void drain(java.time.Duration clientRetry) {
        byte[] hint = SseEncoder.retry(clientRetry);
        for (Connection connection : connections.values()) {
            connection.closeAfter(hint, CloseCause.SHUTDOWN);
        }
    }

    @Override
    public void close() {
        try {
            following.close();
        } catch (Exception e) {
            log.debug("stopping to follow the log failed", e);
        }
        for (Connection connection : connections.values()) {
            connection.close(CloseCause.SHUTDOWN);
        }
        heartbeats.close();
        for (Dispatcher shard : shards) {
            shard.close();
        }
        closer.close();
    }

    /** Visible for tests: exact topics indexed over all shards. */
    int indexedTopics() {
        int topics = 0;
        for (Dispatcher shard : shards) {
            topics += shard.indexedTopics();
        }
        return topics;
    }

    /** Visible for tests: run the heartbeat and deadline pass now. */
    void tickHeartbeats() {
        heartbeats.tick();
    }

    /**
     * The log's follower: every shard gets every event, in log order. The event is kept for replay
     * before any shard sees it, so a resuming stream finds in memory every event not yet offered to it.
     */
    private void dispatch(Event event) {
        LoggedEvent logged = new LoggedEvent(event);
        recent.add(logged);
        for (Dispatcher shard : shards) {
            shard.accept(logged);
        }
    }

    private void forget(Connection connection, CloseCause cause) {
        if (connections.remove(connection.id()) != null) {
            shards[connection.shard()].remove(connection);
            observer.connectionClosed(connection, cause);
        }
    }

    private long jittered(long millis) {
        double jitter = options.lifetimeJitter();
        if (jitter == 0) {
            return millis;
        }
        return (long) (millis * (1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter)));
    }
}
