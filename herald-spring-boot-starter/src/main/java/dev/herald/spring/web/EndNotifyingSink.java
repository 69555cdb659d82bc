package dev.herald.spring.web;

import dev.herald.core.hub.SseSink;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sink that runs {@code onEnd} once when it is closed. Every way a connection ends goes through
 * its sink's close, exactly once: the place to release what the stream held.
 */
final class EndNotifyingSink implements SseSink {

    private final SseSink delegate;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();

    EndNotifyingSink(SseSink delegate, Runnable onEnd) {
        this.delegate = delegate;
        this.onEnd = onEnd;
    }

    @Override
    public void send(byte[] frames) throws IOException {
        delegate.send(frames);
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            ended();
        }
    }

    /** Runs {@code onEnd} unless it has run: for a stream that ends before the hub took it. */
    void ended() {
        if (ended.compareAndSet(false, true)) {
            onEnd.run();
        }
    }
}
