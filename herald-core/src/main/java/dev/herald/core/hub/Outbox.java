package dev.herald.core.hub;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection's bounded queue of frames waiting to be written, and the flag that lets at most
 * one writer drain it at a time. Many producers (the dispatcher, the heartbeat), one consumer.
 * Lock-free: offering never blocks, so a slow client never holds up the producer.
 */
final class Outbox {

    private final ConcurrentLinkedQueue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final int capacity;

    Outbox(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a frame, or answers false when the outbox is full. */
    boolean offer(Frame frame) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.add(frame);
        return true;
    }

    Frame poll() {
        Frame frame = queue.poll();
        if (frame != null) {
            size.decrementAndGet();
        }
        return frame;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int depth() {
        return size.get();
    }

    /** Takes the right to drain; true for exactly one caller until {@link #release}. */
    boolean claim() {
        return draining.compareAndSet(false, true);
    }

    void release() {
        draining.set(false);
    }

    void clear() {
        while (poll() != null) {
            // drop: the stream is closed, the client resumes from the log
        }
    }
}
