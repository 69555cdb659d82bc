package dev.herald.spring.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing a stream's response that one thread writes, from any thread, without ever waiting for a
 * write: the hub may close from its dispatcher (a slow consumer), whose stalling would stall every
 * stream, while a send is blocked on a client that stopped reading. So close completes the response
 * itself only when no send is under way; otherwise the sending thread completes it as soon as its
 * send returns. A send blocked on a dead client returns when the container gives up on the
 * connection: its idle timeout (Jetty's {@code server.jetty.connection-idle-timeout}), which must be
 * above 1.5 heartbeats so that quiet but healthy streams are never cut.
 */
final class SendCloseGuard {

    /** One write and flush of a response; an {@link IllegalStateException} from it means the client is gone. */
    @FunctionalInterface
    interface Send {
        void run() throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(SendCloseGuard.class);

    private final Runnable complete;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final AtomicBoolean sending = new AtomicBoolean();
    /** The response is done: completed by us, or ended by the container. */
    private final AtomicBoolean finished = new AtomicBoolean();

    /** @param complete ends the response; runs at most once */
    SendCloseGuard(Runnable complete) {
        this.complete = complete;
    }

    void send(Send send) throws IOException {
        sending.set(true);
        try {
            if (closeRequested.get() || finished.get()) {
                throw new IOException("the stream is closed");
            }
            send.run();
        } catch (IllegalStateException e) {
            // the container (or the emitter) refuses writes once it has ended the response: the client is gone
            throw new IOException("the stream can no longer be written: " + e, e);
        } finally {
            sending.set(false);
            if (closeRequested.get()) {
                finish();
            }
        }
    }

    void close() {
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
            complete.run();
        } catch (RuntimeException e) {
            log.debug("completing an SSE response failed: {}", e.toString());
        }
    }
}
