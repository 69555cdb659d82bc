package dev.herald.spring.web;

import dev.herald.core.hub.SseSink;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;

/**
 * One SSE response on a started {@link AsyncContext}, as the hub writes it: the hub's pre-encoded
 * bytes go straight to the servlet output stream, each write flushed. Closing never waits for a
 * write: see {@link SendCloseGuard}.
 */
final class AsyncStreamSink implements SseSink {

    private final ServletOutputStream out;
    private final SendCloseGuard guard;

    AsyncStreamSink(AsyncContext async) throws IOException {
        this.out = async.getResponse().getOutputStream();
        this.guard = new SendCloseGuard(async::complete);
    }

    @Override
    public void send(byte[] frames) throws IOException {
        guard.send(() -> {
            try {
                out.write(frames);
                out.flush();
            } catch (IllegalStateException e) {
                // the container refuses writes once it has ended the response: the client is gone
                throw new IOException("the stream can no longer be written", e);
            }
        });
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
