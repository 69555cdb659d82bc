package dev.herald.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Server-Sent Events client on {@link java.net.http.HttpClient}, behaving like the browser's
 * {@code EventSource} (WHATWG HTML §9.2) with production-grade reconnection.
 *
 * <pre>{@code
 * try (HeraldEventSource source = HeraldEventSource.create(EventSourceOptions.of(uri).withBearerToken(token))) {
 *     source.addListener(event -> System.out.println(event.type() + ": " + event.data()));
 *     source.start();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Protocol.</b> Each connection is a {@code GET} with {@code Accept: text/event-stream},
 * {@code Cache-Control: no-store}, the configured headers and, when the last event ID is non-empty,
 * {@code Last-Event-ID}. A 200 response with content type {@code text/event-stream} opens the
 * stream; its bytes are parsed by {@link SseParser}.
 *
 * <p><b>Reconnection and failure.</b> See {@link ConnectionError#retryable()}: when a stream ends,
 * breaks or goes silent for the read timeout, or an attempt fails with a network error or HTTP
 * 502/503/504, the source reconnects after the delay given by its {@link ReconnectPolicy} (base =
 * the server's latest {@code retry:} value or the configured initial retry; exponential with jitter
 * while attempts keep failing; reset once a connection opens). HTTP 204, any other non-200 status
 * and a wrong content type fail the connection for good: the source closes and
 * {@link #failure()} tells why.
 *
 * <p><b>Threads.</b> {@link #start()} starts one virtual thread that runs the connections one after
 * another (blocking reads of {@code HttpResponse<InputStream>}); a second virtual thread per open
 * connection watches the read timeout. All listener callbacks run on the connection thread (see
 * {@link EventSourceListener}). Every public method is thread-safe.
 *
 * <p><b>Consumption.</b> Push (listeners) and pull ({@link #events()}) can be combined; each
 * listener and each iterator sees every event dispatched after it was added.
 */
public final class HeraldEventSource implements AutoCloseable {

    /** Capacity of iterators returned by {@link #events()}. */
    public static final int DEFAULT_EVENTS_CAPACITY = 1024;

    private static final AtomicLong SOURCE_IDS = new AtomicLong();

    private final EventSourceOptions options;
    private final ListenerFanout fanout = new ListenerFanout();
    private final ConnectionLoop loop;
    private final ReentrantLock lock = new ReentrantLock();
    private Thread thread; // guarded by lock
    private boolean closed; // guarded by lock

    private HeraldEventSource(EventSourceOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.loop = new ConnectionLoop(options, fanout);
    }

    /**
     * Creates a source that is not yet connected; add listeners or iterators, then {@link #start()}.
     *
     * @param options configuration
     * @return the new source, in state {@link ConnectionState#NEW}
     */
    public static HeraldEventSource create(EventSourceOptions options) {
        return new HeraldEventSource(options);
    }

    /**
     * Creates a source with default options, adds {@code listener} and starts it.
     *
     * @param uri      the stream URL
     * @param listener the listener
     * @return the started source
     */
    public static HeraldEventSource open(URI uri, EventSourceListener listener) {
        return open(EventSourceOptions.of(uri), listener);
    }

    /**
     * Creates a source, adds {@code listener} and starts it.
     *
     * @param options  configuration
     * @param listener the listener
     * @return the started source
     */
    public static HeraldEventSource open(EventSourceOptions options, EventSourceListener listener) {
        return create(options).addListener(listener).start();
    }

    /**
     * Registers a listener; it receives callbacks for everything that happens from now on.
     *
     * @param listener the listener
     * @return this source
     */
    public HeraldEventSource addListener(EventSourceListener listener) {
        fanout.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Unregisters a listener. A callback already in progress completes.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(EventSourceListener listener) {
        return fanout.remove(listener);
    }

    /**
     * A blocking iterator over the events dispatched from now on, holding up to
     * {@value #DEFAULT_EVENTS_CAPACITY} undelivered events. See {@link #events(int)}.
     *
     * @return the iterator
     */
    public BlockingIterator<SseEvent> events() {
        return events(DEFAULT_EVENTS_CAPACITY);
    }

    /**
     * A blocking iterator over the events dispatched from now on. When it holds {@code capacity}
     * events nobody has taken, the source stops reading until one is taken: nothing is dropped and
     * the server sees TCP backpressure, but an iterator that is neither drained nor closed stalls
     * the source (listeners included). The iterator ends after the source closes (for any reason)
     * and its buffered events have been taken; close it to detach early.
     *
     * @param capacity maximum buffered events, {@code >= 1}
     * @return the iterator
     */
    public BlockingIterator<SseEvent> events(int capacity) {
        return fanout.newQueue(capacity);
    }

    /**
     * Starts connecting in the background. Idempotent while running.
     *
     * @return this source
     * @throws IllegalStateException if the source was closed
     */
    public HeraldEventSource start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (thread == null) {
                thread = Thread.ofVirtual().name("herald-sse-" + SOURCE_IDS.incrementAndGet()).start(loop);
            }
            return this;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current state.
     *
     * @return the state
     */
    public ConnectionState state() {
        return loop.state();
    }

    /**
     * The last event ID string: what the next reconnection sends as {@code Last-Event-ID}.
     *
     * @return the id, {@code ""} if none
     */
    public String lastEventId() {
        return loop.lastEventId();
    }

    /**
     * Why the source closed by itself, if it did (a non-retryable {@link ConnectionError}).
     *
     * @return the failure, or empty while running or after {@link #close()}
     */
    public Optional<ConnectionError> failure() {
        return loop.failure();
    }

    /**
     * The options this source was created with.
     *
     * @return the options
     */
    public EventSourceOptions options() {
        return options;
    }

    /**
     * Waits until the source has closed (by {@link #close()} or by a failure) and its thread has
     * ended.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if closed and terminated, {@code false} on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Thread t;
        lock.lock();
        try {
            t = thread;
            if (t == null) {
                return closed;
            }
        } finally {
            lock.unlock();
        }
        return t.join(timeout);
    }

    /**
     * Closes the source: cancels a pending request, closes the open stream, stops a backoff wait, ends
     * all iterators after their buffered events, and reports {@link ConnectionState#CLOSED}. Returns
     * once the connection thread has ended, which only takes longer than a few milliseconds if a
     * listener callback is running (it is waited for). When called from a listener callback it
     * returns immediately and the thread ends after the callback. Idempotent. If the calling thread
     * is interrupted while waiting, it stops waiting and keeps its interrupt status.
     */
    @Override
    public void close() {
        Thread t;
        boolean first;
        lock.lock();
        try {
            first = !closed;
            closed = true;
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t == null) {
            if (first) {
                loop.finishUnstarted();
            }
            return;
        }
        loop.shutdown();
        if (t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "HeraldEventSource[" + options.uri() + ", " + state() + "]";
    }
}
