package dev.herald.spring.web;

import dev.herald.core.hub.SseSink;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One SSE response on a started {@link AsyncContext}, as the hub writes it: the hub's pre-encoded
 * bytes go straight to the servlet output stream, each write flushed. Closing never waits for a
 * write: see {@link SendCloseGuard}.
 *
 * <p>The bytes go out as a {@link ByteBuffer}: Jetty writes those without its response buffer,
 * whereas {@code write(byte[])} of a few bytes copies them into the buffer, which Jetty then keeps
 * (4 KiB of direct memory from its pool) until the response ends, the stream's whole life. (Making
 * the buffer tiny with {@code setBufferSize} is no way out: Jetty then writes larger arrays in pieces
 * of the buffer's size, each a blocking network write.) Containers without a {@code ByteBuffer}
 * write of their own copy the bytes to their stream as usual.
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
            out.write(ByteBuffer.wrap(frames));
            out.flush();
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
