package dev.herald.core.hub;

import dev.herald.core.event.UserId;
import dev.herald.core.log.LogPosition;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One live SSE stream: its subscription, its outbox and its lifecycle. Created by
 * {@link Hub#subscribe}; ended by {@link #close} (from any thread, idempotent) or by the hub
 * (lifetime, token expiry, slow consumer, shutdown).
 */
public final class Connection {

    /** {@link #firstSkipped()} while the fan-out has skipped nothing. */
    static final long NOTHING_SKIPPED = Long.MAX_VALUE;

    private static final VarHandle CLOSE_CAUSE;
    private static final VarHandle ENDING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSE_CAUSE = lookup.findVarHandle(Connection.class, "closeCause", CloseCause.class);
            ENDING = lookup.findVarHandle(Connection.class, "ending", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConnectionId id = ConnectionId.next();
    private final SubscribeRequest request;
    private final SseSink sink;
    private final Instant openedAt;
    private final long deadlineMillis;
    private final CloseCause deadlineCause;
    private final Outbox outbox;
    private final StreamWriter writer;
    private final BiConsumer<Connection, CloseCause> onClosed;
    private final int shard;
    /** Set once, when the stream ends (fields, not atomic wrappers: the dispatcher reads this per event). */
    private volatile CloseCause closeCause;
    private volatile boolean ending;
    private volatile long lastWriteMillis;
    /**
     * While set (a resuming stream, from its creation until its writer has replayed what it missed),
     * the fan-out does not queue this stream's events: its writer replays them from
     * {@link RecentEvents} instead, so a stream that is behind holds no queued frames of its own.
     */
    private volatile boolean catchingUp;
    /** The number in {@link RecentEvents} of the first event the fan-out skipped, or {@link #NOTHING_SKIPPED}; the dispatcher's. */
    private volatile long firstSkipped = NOTHING_SKIPPED;
    /** Position of the last event offered; touched by the dispatcher thread only. */
    long lastDispatched = Long.MIN_VALUE;
    /** Writer state; touched only by the writer that holds the outbox claim. */
    boolean opened;
    LogPosition writtenThrough = new LogPosition(Long.MIN_VALUE);

    Connection(SubscribeRequest request, SseSink sink, Instant openedAt, long deadlineMillis, CloseCause deadlineCause,
               int outboxCapacity, int shard, StreamWriter writer, BiConsumer<Connection, CloseCause> onClosed,
               boolean catchingUp) {
        this.request = request;
        this.sink = sink;
        this.openedAt = openedAt;
        this.deadlineMillis = deadlineMillis;
        this.deadlineCause = deadlineCause;
        this.outbox = new Outbox(outboxCapacity);
        this.writer = writer;
        this.onClosed = onClosed;
        this.shard = shard;
        this.lastWriteMillis = openedAt.toEpochMilli();
        this.catchingUp = catchingUp;
    }

    public ConnectionId id() {
        return id;
    }

    public Subscription subscription() {
        return request.subscription();
    }

    public Optional<UserId> user() {
        return request.subscription().user();
    }

    public Instant openedAt() {
        return openedAt;
    }

    /** Frames waiting to be written. */
    public int outboxDepth() {
        return outbox.depth();
    }

    public boolean isOpen() {
        return closeCause == null;
    }

    /** Why the stream ended, once it has. */
    public Optional<CloseCause> closeCause() {
        return Optional.ofNullable(closeCause);
    }

    /** Ends the stream now, dropping whatever waits in the outbox. Idempotent. */
    public void close(CloseCause cause) {
        if (end(cause)) {
            release(cause);
        }
    }

    /**
     * The first half of {@link #close}: marks the stream ended, so that nothing more is queued or
     * written to it; true for the one caller that ended it, which must then call {@link #release}.
     */
    boolean end(CloseCause cause) {
        return CLOSE_CAUSE.compareAndSet(this, (CloseCause) null, cause);
    }

    /** The second half of {@link #close}: lets go of the outbox, the response and the hub's entry. */
    void release(CloseCause cause) {
        outbox.clear();
        sink.close();
        onClosed.accept(this, cause);
    }

    /**
     * Ends the stream once what is queued has been written, after a last frame (such as a
     * {@code retry:} hint). Used for lifetime ends and shutdown, so the client resumes cleanly.
     */
    public void closeAfter(byte[] lastFrame, CloseCause cause) {
        if (!ENDING.compareAndSet(this, false, true)) {
            return;
        }
        if (isOpen() && !outbox.offer(Frame.closing(lastFrame, cause))) {
            close(cause);
            return;
        }
        writer.schedule(this);
    }

    SubscribeRequest request() {
        return request;
    }

    /** The dispatcher shard whose index holds this stream. */
    int shard() {
        return shard;
    }

    SseSink sink() {
        return sink;
    }

    Outbox outbox() {
        return outbox;
    }

    long deadlineMillis() {
        return deadlineMillis;
    }

    CloseCause deadlineCause() {
        return deadlineCause;
    }

    long lastWriteMillis() {
        return lastWriteMillis;
    }

    void wrote(long nowMillis) {
        lastWriteMillis = nowMillis;
    }

    boolean catchingUp() {
        return catchingUp;
    }

    /**
     * The dispatcher's side of the hand-over from catching up to live: records the skipped event's
     * number, then reads the flag again. The writer clears the flag, then reads the record; both
     * volatile, so either the writer sees this event recorded and replays it, or this sees the flag
     * cleared and the event is queued (a copy the writer also replayed is dropped by position).
     *
     * @return true when the event is left to the writer's replay, false when it must be queued
     */
    boolean skip(long sequence) {
        if (firstSkipped == NOTHING_SKIPPED) {
            firstSkipped = sequence;
        }
        return catchingUp;
    }

    /** The writer's: the fan-out queues this stream's events from now on. */
    void endCatchUp() {
        catchingUp = false;
    }

    /**
     * Where the writer's replay of skipped events starts ({@link LoggedEvent#NOT_KEPT} when the first
     * was an event the ring did not keep; the replay then finds a gap, as it does at any such event).
     */
    long firstSkipped() {
        return firstSkipped;
    }

    /**
     * Queues a frame and makes sure a writer runs. A full outbox ends the stream as a slow
     * consumer: the client resumes from the log, so nothing is lost and nobody waits for it.
     *
     * @return false when the stream is closed or was closed for being slow
     */
    boolean enqueue(Frame frame) {
        if (!isOpen()) {
            return false;
        }
        if (!outbox.offer(frame)) {
            close(CloseCause.SLOW_CONSUMER);
            return false;
        }
        writer.schedule(this);
        return true;
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", user=" + user().map(UserId::value).orElse("anonymous") + "]";
    }
}
