package dev.herald.core.hub;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the streams that writers find finished (the client is gone, a closing frame was written) on
 * one platform thread of its own, instead of on the writer.
 *
 * <p>Ending a stream takes locks that request threads take too: the container's completion of the
 * response (its listeners, the request metrics' registry), the connection log's appender, the
 * per-address limiter. A writer is a virtual thread; when it waits for such a lock it is queued
 * behind every runnable writer once the lock is free, and so is every request thread queued behind
 * it. In a reconnect storm on a busy machine, ten thousand runnable writers made that wait tens of
 * seconds: request threads stalled on the log appender, and resuming clients got no answer. Handed
 * here through a lock-free queue, a writer never waits for anyone.
 */
final class Closer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Closer.class);

    private record Ending(Connection connection, CloseCause cause) {
    }

    private final Queue<Ending> queue = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    Closer(String threadName) {
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Ends the stream: at once for everyone else (nothing more is queued to it, {@link Connection#isOpen}
     * is false), and lets go of what it holds soon, on the closer's thread (on the caller's once the
     * closer has stopped). Does nothing to a stream that has already ended.
     */
    void close(Connection connection, CloseCause cause) {
        if (!connection.end(cause)) {
            return;
        }
        if (!running) {
            connection.release(cause);
            return;
        }
        queue.add(new Ending(connection, cause));
        LockSupport.unpark(thread);
        if (!running) {
            // stopped between the check and the add: the closer may have drained before the add
            drain();
        }
    }

    private void run() {
        while (running) {
            if (!drain()) {
                LockSupport.park(this);
            }
        }
        drain();
    }

    /** Releases every queued stream; false when there was none. */
    private boolean drain() {
        boolean any = false;
        Ending ending;
        while ((ending = queue.poll()) != null) {
            any = true;
            try {
                ending.connection().release(ending.cause());
            } catch (RuntimeException e) {
                log.warn("ending stream {} failed", ending.connection().id(), e);
            }
        }
        return any;
    }

    /** Stops the thread after it has ended what was handed over; later streams are ended by their caller. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}
