package dev.herald.spring.web;

import dev.herald.core.hub.SseSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
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
 * <p>Closing never waits for a write ({@code SseEmitter.complete()} takes the same lock as a send):
 * see {@link SendCloseGuard}.
 */
final class EmitterSink implements SseSink {

    private static final MediaType RAW = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SseEmitter emitter;
    private final SendCloseGuard guard;

    EmitterSink(SseEmitter emitter) {
        this.emitter = emitter;
        this.guard = new SendCloseGuard(emitter::complete);
    }

    @Override
    public void send(byte[] frames) throws IOException {
        guard.send(() -> emitter.send(Set.of(new DataWithMediaType(frames, RAW))));
    }

    @Override
    public void close() {
        guard.close();
    }

    /** The container ended the response (completion, error): nothing is to be completed any more. */
    void containerEnded() {
        guard.containerEnded();
    }
}
