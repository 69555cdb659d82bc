package dev.herald.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Bounded hand-off behind {@link HeraldEventSource#events()}. The producer blocks while the queue is
 * full (backpressure, rather than dropping events) until a consumer takes a value, the queue is
 * closed by its consumer, or it is completed by the producer side.
 */
final class EventQueue<T> implements BlockingIterator<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;
    private final Consumer<? super EventQueue<T>> onClose;
    private boolean completed; // guarded by lock
    private boolean closed; // guarded by lock

    EventQueue(int capacity, Consumer<? super EventQueue<T>> onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    /**
     * Adds {@code item}, waiting while full. Waiting is not interruptible: it ends when space frees
     * up, or the queue is completed or closed.
     *
     * @return {@code false} if the queue no longer accepts values (item dropped)
     */
    boolean put(T item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            while (items.size() >= capacity && !completed && !closed) {
                notFull.awaitUninterruptibly();
            }
            if (completed || closed) {
                return false;
            }
            items.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No more values will be put; consumers drain what is buffered, then see the end. */
    void complete() {
        lock.lock();
        try {
            completed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<T> poll(Duration timeout) throws InterruptedException {
        long remaining = saturatedNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (completed || closed || remaining <= 0) {
                    return Optional.empty();
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
            return Optional.of(removeFirst());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (completed || closed) {
                    throw new NoSuchElementException("the event stream has ended");
                }
                notEmpty.await();
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasNext() {
        lock.lock();
        try {
            while (items.isEmpty()) {
                if (completed || closed) {
                    return false;
                }
                notEmpty.await();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T next() {
        lock.lock();
        try {
            if (!hasNext()) {
                throw new NoSuchElementException("the event stream has ended");
            }
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isEnded() {
        lock.lock();
        try {
            return closed || (completed && items.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            items.clear();
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
    }

    private T removeFirst() {
        T item = items.removeFirst();
        notFull.signal();
        return item;
    }

    private static long saturatedNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            return 0;
        }
        long seconds = timeout.getSeconds();
        if (seconds >= TimeUnit.NANOSECONDS.toSeconds(Long.MAX_VALUE)) {
            return Long.MAX_VALUE;
        }
        return timeout.toNanos();
    }
}
