package dev.herald.spring.web;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import dev.herald.core.hub.SubscribeRequest;
import dev.herald.spring.config.HeraldProperties;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens a hub stream on a new {@link SseEmitter} and ties the hub's connection to the response's
 * lifecycle: the container ending the response (completion, error) closes the connection, and the
 * hub closing the connection completes the response (through {@link EmitterSink}, which never waits
 * for a blocked write). Public so that other endpoints serving hub streams (herald-mercure) reuse it.
 * Not a bean: each endpoint makes its own.
 */
public final class EmitterStreams {

    /** Past any stream's jittered lifetime: the emitter's timeout is a safety net, the hub ends streams. */
    private static final Duration TIMEOUT_MARGIN = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(EmitterStreams.class);

    private final Hub hub;
    private final Duration emitterTimeout;

    /**
     * @param emitterTimeout a last resort only, longer than any stream's lifetime: the hub ends
     *                       streams itself (see {@link #emitterTimeout(HeraldProperties)})
     */
    public EmitterStreams(Hub hub, Duration emitterTimeout) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.emitterTimeout = Objects.requireNonNull(emitterTimeout, "emitterTimeout");
    }

    /** The longest a stream can live with these properties, plus a margin. */
    public static Duration emitterTimeout(HeraldProperties properties) {
        HeraldProperties.Connection connection = properties.connection();
        long longestLifetimeMillis = (long) Math.ceil(connection.maxLifetime().toMillis() * (1 + connection.lifetimeJitter()));
        return Duration.ofMillis(longestLifetimeMillis).plus(TIMEOUT_MARGIN);
    }

    /** A stream the hub writes, and the emitter to return from the handler. */
    public record Opened(SseEmitter emitter, Connection connection) {
        public Opened {
            Objects.requireNonNull(emitter, "emitter");
            Objects.requireNonNull(connection, "connection");
        }
    }

    public Opened open(SubscribeRequest request) {
        return open(request, () -> { });
    }

    /**
     * @param onEnd runs once when the stream ends, however it ends (or at once when the hub refuses
     *              to open it): releases what the stream held, such as its place under a limit
     */
    public Opened open(SubscribeRequest request, Runnable onEnd) {
        SseEmitter emitter = new SseEmitter(emitterTimeout.toMillis());
        EmitterSink sink = new EmitterSink(emitter);
        // The hub starts writing at once; the emitter holds early bytes until Spring has committed
        // the headers, then writes and flushes them, so the client sees the stream open right away.
        Connection connection;
        try {
            connection = hub.subscribe(request, new EndNotifyingSink(sink, onEnd));
        } catch (RuntimeException e) {
            onEnd.run();
            throw e;
        }
        emitter.onCompletion(() -> {
            sink.containerEnded();
            connection.close(CloseCause.CLIENT_GONE);
        });
        emitter.onError(error -> {
            sink.containerEnded();
            log.debug("stream {} ended by the container: {}", connection.id(), error.toString());
            connection.close(isDisconnect(error) ? CloseCause.CLIENT_GONE : CloseCause.ERROR);
        });
        emitter.onTimeout(() -> {
            log.warn("stream {} outlived its response timeout of {}; ending it", connection.id(), emitterTimeout);
            connection.close(CloseCause.ERROR);
        });
        return new Opened(emitter, connection);
    }

    /** Whether the container ended a response because its client went away. */
    static boolean isDisconnect(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
