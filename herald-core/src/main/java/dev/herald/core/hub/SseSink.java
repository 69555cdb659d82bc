package dev.herald.core.hub;

import java.io.IOException;

/**
 * The seam between the hub and one HTTP response that carries an SSE stream. An adapter
 * implements it over its container (Spring's {@code SseEmitter}, a raw socket in tests).
 *
 * <p>The hub calls {@link #send} from one writer at a time (never concurrently), on a virtual
 * thread, so it may block. {@link #close} may be called from any thread, also while a send is
 * blocked, and must make that send return or fail soon.
 */
public interface SseSink {

    /**
     * Writes bytes that are already SSE-encoded and flushes them to the client. The array may be
     * the event's shared encoding, passed to every stream it goes to: read it, never modify it.
     */
    void send(byte[] frames) throws IOException;

    /** Ends the response. Idempotent. */
    void close();
}
