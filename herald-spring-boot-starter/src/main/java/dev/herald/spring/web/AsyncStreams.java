package dev.herald.spring.web;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import dev.herald.core.hub.SubscribeRequest;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a hub stream on the request's own {@link AsyncContext}, without Spring MVC's async request
 * machinery (an {@code SseEmitter} keeps a {@code WebAsyncManager}, a {@code DeferredResult}, the
 * model and the handler's headers alive for the stream's whole life). Ties the hub's connection to
 * the response as {@link EmitterStreams} does: the container ending the response (completion,
 * error) closes the connection, and the hub closing the connection completes the response without
 * waiting for a blocked write.
 */
final class AsyncStreams {

    private static final Logger log = LoggerFactory.getLogger(AsyncStreams.class);

    private final Hub hub;
    private final Duration timeout;

    /** @param timeout a last resort only, longer than any stream's lifetime: the hub ends streams itself */
    AsyncStreams(Hub hub, Duration timeout) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Starts the request's async mode and hands the response to the hub. The response's status line
     * and headers, set before, go out from the request thread once the stream is in the hub's
     * fan-out: a client that sees them is subscribed (an event published after that reaches it), and
     * sees them even while the writers are busy (a reconnect storm), instead of waiting for the
     * stream's first frame.
     *
     * @param onEnd runs once when the stream ends, however it ends (or at once when the hub refuses
     *              to open it): releases what the stream held, such as its place under a limit
     * @throws IOException the client is gone before the headers could be sent
     */
    Connection open(HttpServletRequest request, SubscribeRequest subscribeRequest, Runnable onEnd) throws IOException {
        AsyncContext async;
        AsyncStreamSink streamSink;
        try {
            async = request.startAsync();
            async.setTimeout(timeout.toMillis());
            streamSink = new AsyncStreamSink(async);
        } catch (IOException | RuntimeException e) {
            onEnd.run();
            throw e;
        }
        EndNotifyingSink sink = new EndNotifyingSink(streamSink, onEnd);
        Connection connection;
        try {
            connection = hub.subscribe(subscribeRequest, sink, () -> sendHead(async));
        } catch (UncheckedIOException e) {
            sink.ended();
            throw e.getCause();
        } catch (RuntimeException e) {
            sink.ended();
            throw e;
        }
        async.addListener(new Listener(streamSink, connection));
        return connection;
    }

    private static void sendHead(AsyncContext async) {
        try {
            async.getResponse().flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Listener implements AsyncListener {
        private final AsyncStreamSink sink;
        private final Connection connection;

        Listener(AsyncStreamSink sink, Connection connection) {
            this.sink = sink;
            this.connection = connection;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            sink.containerEnded();
            connection.close(CloseCause.CLIENT_GONE);
        }

        @Override
        public void onError(AsyncEvent event) {
            sink.containerEnded();
            Throwable error = event.getThrowable();
            log.debug("stream {} ended by the container: {}", connection.id(), String.valueOf(error));
            connection.close(error != null && EmitterStreams.isDisconnect(error) ? CloseCause.CLIENT_GONE : CloseCause.ERROR);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            log.warn("stream {} outlived its response timeout of {}; ending it", connection.id(), timeout);
            connection.close(CloseCause.ERROR);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the request is not dispatched again: nothing to re-register
        }
    }
}
