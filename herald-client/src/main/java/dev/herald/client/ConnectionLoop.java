package dev.herald.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connect → read → back off → reconnect cycle of one source, run on that source's virtual
 * thread. Owns the parser (one for the source's lifetime, so the last event ID carries across
 * connections), the current backoff policy and the consecutive-failure count.
 *
 * <p>{@link #shutdown()} may be called from any thread: it wakes whatever the loop is blocked on
 * (pending response, body read, backoff wait, full iterator) so the loop exits promptly.
 */
final class ConnectionLoop implements Runnable {

    private static final int READ_BUFFER_SIZE = 8192;
    private static final int MAX_COUNTED_FAILURES = 10_000;

    private final EventSourceOptions options;
    private final ListenerFanout fanout;
    private final SseParser parser;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private volatile boolean closing; // written under lock
    private CompletableFuture<?> pendingResponse; // guarded by lock
    private InputStream activeBody; // guarded by lock
    private volatile ReconnectPolicy policy;
    private volatile ConnectionState state = ConnectionState.NEW;
    private volatile ConnectionError failure;

    /** How a connection attempt ended; {@code error == null} never occurs (closing returns null). */
    private record Outcome(boolean opened, ConnectionError error) {
    }

    ConnectionLoop(EventSourceOptions options, ListenerFanout fanout) {
        this.options = options;
        this.fanout = fanout;
        this.policy = options.reconnectPolicy();
        this.parser = new SseParser(new ParserBridge(fanout, () -> closing, this::onRetry), options.lastEventId());
    }

    ConnectionState state() {
        return state;
    }

    String lastEventId() {
        return parser.lastEventId();
    }

    Optional<ConnectionError> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void run() {
        int failures = 0;
        try {
            while (!closing) {
                transition(ConnectionState.CONNECTING);
                Outcome outcome = connectOnce();
                if (outcome == null || closing) {
                    return;
                }
                ConnectionError error = outcome.error();
                if (!error.retryable()) {
                    failure = error;
                    fanout.error(error);
                    return;
                }
                fanout.error(error);
                failures = outcome.opened() ? 1 : Math.min(failures + 1, MAX_COUNTED_FAILURES);
                Duration delay = policy.delay(failures);
                transition(ConnectionState.RECONNECTING);
                fanout.reconnectScheduled(delay);
                if (!pause(delay)) {
                    return;
                }
            }
        } finally {
            finish();
        }
    }

    /** Marks the source closed for a loop that was never started. */
    void finishUnstarted() {
        closing = true;
        finish();
    }

    /** Stops the loop; returns without waiting for it. Idempotent, callable from any thread. */
    void shutdown() {
        CompletableFuture<?> pending;
        InputStream body;
        lock.lock();
        try {
            closing = true;
            wakeUp.signalAll();
            pending = pendingResponse;
            body = activeBody;
        } finally {
            lock.unlock();
        }
        if (pending != null) {
            pending.cancel(true);
        }
        if (body != null) {
            closeQuietly(body);
        }
        fanout.complete(); // releases the loop if it is blocked on a full iterator
    }

    private void finish() {
        closing = true;
        state = ConnectionState.CLOSED;
        fanout.complete();
        fanout.state(ConnectionState.CLOSED);
    }

    private void transition(ConnectionState next) {
        state = next;
        fanout.state(next);
    }

    private void onRetry(long millis) {
        policy = policy.withBaseDelay(Duration.ofMillis(millis));
    }

    /** One attempt: request, validate, read until the stream ends. {@code null} if closing. */
    private Outcome connectOnce() {
        HttpRequest request;
        try {
            request = StreamRequests.build(options, parser.lastEventId());
        } catch (RuntimeException e) {
            // the bearer token supplier failed: treated like a network problem, retried
            return new Outcome(false, new NetworkFailure(new IOException("could not prepare the request", e)));
        }
        CompletableFuture<HttpResponse<InputStream>> future;
        lock.lock();
        try {
            if (closing) {
                return null;
            }
            future = options.httpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            pendingResponse = future;
        } finally {
            lock.unlock();
        }
        HttpResponse<InputStream> response;
        try {
            response = future.get();
        } catch (CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown();
            return null;
        } catch (ExecutionException e) {
            return closing ? null : new Outcome(false, classify(e.getCause()));
        } finally {
            lock.lock();
            try {
                pendingResponse = null;
            } finally {
                lock.unlock();
            }
        }
        Optional<ConnectionError> rejected = ResponseCheck.reject(response);
        if (rejected.isPresent()) {
            closeQuietly(response.body());
            return closing ? null : new Outcome(false, rejected.get());
        }
        InputStream body = response.body();
        lock.lock();
        try {
            if (closing) {
                closeQuietly(body);
                return null;
            }
            activeBody = body;
        } finally {
            lock.unlock();
        }
        transition(ConnectionState.OPEN);
        ConnectionError error = read(body);
        return error == null ? null : new Outcome(true, error);
    }

    /** Reads the body into the parser until it ends. {@code null} if closing. */
    private ConnectionError read(InputStream body) {
        byte[] buffer = new byte[READ_BUFFER_SIZE];
        ReadWatchdog watchdog = ReadWatchdog.start(options.readTimeout(), () -> closeQuietly(body));
        try (watchdog) {
            while (true) {
                watchdog.arm();
                int n = body.read(buffer);
                watchdog.disarm();
                if (closing) {
                    return null;
                }
                if (n < 0) {
                    return watchdog.fired() ? new ReadTimedOut(options.readTimeout()) : new StreamEnded();
                }
                parser.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            if (closing) {
                return null;
            }
            return watchdog.fired() ? new ReadTimedOut(options.readTimeout()) : new NetworkFailure(e);
        } finally {
            parser.end();
            closeQuietly(body);
            lock.lock();
            try {
                activeBody = null;
            } finally {
                lock.unlock();
            }
        }
    }

    private ConnectionError classify(Throwable cause) {
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return new ReadTimedOut(options.readTimeout());
        }
        if (cause instanceof IOException io) {
            return new NetworkFailure(io);
        }
        if (cause instanceof java.io.UncheckedIOException unchecked) {
            return new NetworkFailure(unchecked.getCause());
        }
        return new NetworkFailure(new IOException(cause));
    }

    /** Waits out {@code delay} unless shut down first; {@code false} if shut down. */
    private boolean pause(Duration delay) {
        long remaining = delay.compareTo(Duration.ofDays(365)) > 0 ? TimeUnit.DAYS.toNanos(365) : delay.toNanos();
        lock.lock();
        try {
            while (!closing && remaining > 0) {
                remaining = wakeUp.awaitNanos(remaining);
            }
            return !closing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a broken stream: nothing useful to report
        }
    }
}
