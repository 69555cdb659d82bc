package dev.herald.core.hub;

import dev.herald.core.sse.WhatwgReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/** An in-process sink for unit tests: records what the hub writes; can be made to stall. */
final class RecordingSink implements SseSink {

    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder written = new StringBuilder();
    private final CountDownLatch stall;
    private final CountDownLatch gate;
    private volatile boolean closed;
    private volatile String closedOn;
    private volatile int sends;

    RecordingSink() {
        this(null, null);
    }

    private RecordingSink(CountDownLatch stall, CountDownLatch gate) {
        this.stall = stall;
        this.gate = gate;
    }

    /** A sink whose first send blocks until closed, like a client that stopped reading. */
    static RecordingSink stalled() {
        return new RecordingSink(new CountDownLatch(1), null);
    }

    /** A sink whose sends block until {@link #openGate}, then record as usual. */
    static RecordingSink gated() {
        return new RecordingSink(null, new CountDownLatch(1));
    }

    void openGate() {
        gate.countDown();
    }

    @Override
    public void send(byte[] frames) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (stall != null) {
            try {
                stall.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("closed while blocked");
        }
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while gated", e);
            }
        }
        lock.lock();
        try {
            written.append(new String(frames, StandardCharsets.UTF_8));
            sends++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closedOn = Thread.currentThread().getName();
        }
        closed = true;
        if (stall != null) {
            stall.countDown();
        }
    }

    String text() {
        lock.lock();
        try {
            return written.toString();
        } finally {
            lock.unlock();
        }
    }

    List<WhatwgReader.Read> events() {
        return WhatwgReader.read(text());
    }

    List<String> data() {
        return events().stream().map(WhatwgReader.Read::data).toList();
    }

    boolean isClosed() {
        return closed;
    }

    /** The name of the thread that first closed the sink. */
    String closedOn() {
        return closedOn;
    }

    int sends() {
        return sends;
    }
}
