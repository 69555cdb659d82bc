package dev.herald.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Detects a dead connection: if the reader stays inside one {@code read} call for longer than the
 * timeout, runs {@code onTimeout} (which closes the body, waking the blocked read) once.
 *
 * <p>The reader brackets each read with {@link #arm()} and {@link #disarm()}; time spent delivering
 * events to listeners is not counted. The check runs on its own virtual thread, which sleeps until
 * the current deadline and costs nothing per read beyond a volatile write. With a zero timeout no
 * thread is started and nothing ever fires.
 */
final class ReadWatchdog implements AutoCloseable {

    private static final long NOT_READING = 0;

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private boolean closed; // guarded by lock
    private volatile long deadline = NOT_READING;
    private volatile boolean fired;

    private ReadWatchdog(Duration timeout, Runnable onTimeout) {
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
    }

    /** Starts watching; the returned watchdog must be closed when the connection ends. */
    static ReadWatchdog start(Duration timeout, Runnable onTimeout) {
        Objects.requireNonNull(onTimeout, "onTimeout");
        ReadWatchdog watchdog = new ReadWatchdog(timeout, onTimeout);
        if (!timeout.isZero()) {
            Thread.ofVirtual().name("herald-sse-read-watchdog").start(watchdog::watch);
        }
        return watchdog;
    }

    void arm() {
        long d = System.nanoTime() + timeoutNanos;
        deadline = d == NOT_READING ? 1 : d;
    }

    void disarm() {
        deadline = NOT_READING;
    }

    /** Whether the timeout fired (the body was closed because of it). */
    boolean fired() {
        return fired;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void watch() {
        lock.lock();
        try {
            while (!closed) {
                long d = deadline;
                long now = System.nanoTime();
                if (d != NOT_READING && now - d >= 0) {
                    fired = true;
                    break;
                }
                long wait = d == NOT_READING ? timeoutNanos : d - now;
                stopped.awaitNanos(Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            lock.unlock();
        }
        if (fired) {
            onTimeout.run();
        }
    }
}
