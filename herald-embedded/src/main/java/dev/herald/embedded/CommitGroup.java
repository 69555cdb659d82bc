package dev.herald.embedded;

import dev.herald.core.event.Event;
import dev.herald.core.log.LogUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The appends that one group commit makes durable together. Appenders join the open group under
 * the log's append lock, in position order; the flusher closes it, syncs, and releases them all.
 */
final class CommitGroup {

    /** Guarded by the log's append lock until the flusher takes the group. */
    private final List<Event> events = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile RuntimeException failure;

    void add(Event event) {
        events.add(event);
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The group's events in position order; read by the flusher once it has taken the group. */
    List<Event> events() {
        return events;
    }

    void succeed() {
        done.countDown();
    }

    void fail(RuntimeException cause) {
        failure = cause;
        done.countDown();
    }

    /**
     * Waits until the group's sync has happened. Not interruptible: once an event is in the store
     * file the caller must learn whether it was synced, and the wait is one interval plus one sync.
     *
     * @throws LogUnavailableException when the store could not write or sync the group
     */
    void awaitDurable() {
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RuntimeException cause = failure;
        if (cause != null) {
            throw new LogUnavailableException("the event store could not make the event durable: " + cause.getMessage(), cause);
        }
    }
}
