package dev.herald.spring.web;

import dev.herald.core.hub.SseSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One SSE response, as the hub writes it: an {@link SseEmitter} fed with the hub's pre-encoded bytes.
 *
 * <p>Bytes go out through {@code ResponseBodyEmitter.send(Set)} as one {@code byte[]} item: the
 * byte-array converter copies them to the response unchanged and the emitter flushes after the set.
 * ({@code SseEmitter.send(Object)} would wrap them in a {@code data:} field.)
 *
 * <p>Closing must never wait for a write: {@code SseEmitter.complete()} takes the same lock as a
 * send, and {@link #close} may come from the hub's dispatcher (a slow consumer), whose stalling
 * would stall every stream. So close only completes the emitter itself when no send is under way;
 * otherwise the sending thread completes it as soon as its send returns. A send blocked on a client
 * that stopped reading returns when the container gives up on the connection: its idle timeout
 * (Jetty's {@code server.jetty.connection-idle-timeout}, 30s by default), which must be above 1.5
 * heartbeats so that quiet but healthy streams are never cut.
 */
final class EmitterSink implements SseSink {

    private static final Logger log = LoggerFactory.getLogger(EmitterSink.class);
    private static final MediaType RAW = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SseEmitter emitter;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final AtomicBoolean sending = new AtomicBoolean();
    /** The emitter is done: completed by us, or ended by the container. */
    private final AtomicBoolean finished = new AtomicBoolean();

    EmitterSink(SseEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(byte[] frames) throws IOException {
        sending.set(true);
        try {
            if (closeRequested.get() || finished.get()) {
                throw new IOException("the stream is closed");
            }
            emitter.send(Set.of(new DataWithMediaType(frames, RAW)));
        } catch (IllegalStateException e) {
            // the emitter refuses sends once the container has ended the request: the client is gone
            throw new IOException("the stream can no longer be written", e);
        } finally {
            sending.set(false);
            if (closeRequested.get()) {
                finish();
            }
        }
    }

    @Override
    public void close() {
        // Order matters: set closeRequested, then read sending; send() does the reverse, so at
        // least one of the two sees the other and calls finish().
        closeRequested.set(true);
        if (!sending.get()) {
            finish();
        }
    }

    /** The container ended the response (completion, error): nothing is to be completed any more. */
    void containerEnded() {
        finished.set(true);
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            log.debug("completing an SSE response failed: {}", e.toString());
        }
    }
}
