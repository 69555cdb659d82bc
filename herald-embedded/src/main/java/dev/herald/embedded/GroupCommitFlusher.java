package dev.herald.embedded;

import dev.herald.core.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one thread that writes and syncs, at most once per interval, every append made
 * since its last sync, then releases the appenders and hands their events on in position order.
 *
 * <p>A commit has two steps, and only the first holds the log's append lock: {@link Steps#write}
 * (the store serialises its changes into the file, a copy into the page cache) runs under the
 * lock, so a commit is an exact cut between two appends; {@link Steps#sync} (the {@code fsync},
 * the slow part) runs outside it, so appends keep landing in the next group while the disk works.
 */
final class GroupCommitFlusher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitFlusher.class);

    /** What the store does for one group. Called from the flusher thread only. */
    interface Steps {
        /** Writes every change made so far to the store file; called holding the append lock. */
        void write();

        /** Forces what {@link #write} wrote to the disk. */
        void sync();

        /** The group's events are durable: make them readable and hand them to the follower, in order. */
        void durable(List<Event> events);

        /** The store failed; called holding the append lock. Later appends must fail at once. */
        void failed(RuntimeException cause);
    }

    private final ReentrantLock appendLock;
    private final long intervalNanos;
    private final Steps steps;
    private final Thread thread;
    /** The group appends join now; guarded by the append lock. */
    private CommitGroup open = new CommitGroup();
    /** Whether {@link #open} has events: read by the flusher without the lock, to sleep. */
    private volatile boolean pending;
    private volatile boolean stopping;
    private boolean failed;

    GroupCommitFlusher(ReentrantLock appendLock, Duration interval, Steps steps) {
        this.appendLock = appendLock;
        this.intervalNanos = interval.toNanos();
        this.steps = steps;
        this.thread = Thread.ofPlatform().name("herald-embedded-flusher").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Adds an appended event to the open group; the caller holds the append lock and has written
     * the event to the store's maps. The caller then waits, without the lock, on the group.
     */
    CommitGroup enlist(Event event) {
        CommitGroup group = open;
        group.add(event);
        if (!pending) {
            pending = true;
            // the first event of a group wakes the flusher; later ones find it awake or sleeping out the interval
            LockSupport.unpark(thread);
        }
        return group;
    }

    private void run() {
        try {
            loop();
        } catch (Throwable t) {
            // never leave appenders waiting on a flusher that is gone
            appendLock.lock();
            try {
                fail(open, t instanceof RuntimeException e ? e : new IllegalStateException("the flusher died", t));
            } finally {
                appendLock.unlock();
            }
            throw t;
        }
    }

    private void loop() {
        long lastSync = System.nanoTime() - intervalNanos;
        while (true) {
            while (!pending && !stopping) {
                LockSupport.park(this);
            }
            if (!pending && stopping) {
                return;
            }
            // at most one sync per interval: appends arriving meanwhile share the next one
            long wait;
            while (!stopping && (wait = lastSync + intervalNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, wait);
            }
            lastSync = System.nanoTime();
            if (!flush()) {
                return;
            }
        }
    }

    /** Commits the open group; false once the store has failed. */
    private boolean flush() {
        CommitGroup group;
        appendLock.lock();
        try {
            group = open;
            open = new CommitGroup();
            pending = false;
            if (group.isEmpty()) {
                return true;
            }
            try {
                steps.write();
            } catch (RuntimeException e) {
                fail(group, e);
                return false;
            }
        } finally {
            appendLock.unlock();
        }
        try {
            steps.sync();
        } catch (RuntimeException e) {
            appendLock.lock();
            try {
                fail(group, e);
            } finally {
                appendLock.unlock();
            }
            return false;
        }
        try {
            steps.durable(group.events());
        } finally {
            group.succeed();
        }
        return true;
    }

    /** Holding the append lock: fails the group being committed and any that formed since. */
    private void fail(CommitGroup group, RuntimeException cause) {
        log.error("the event store failed to commit {} event(s); it takes no more appends", group.events().size(), cause);
        failed = true;
        steps.failed(cause);
        group.fail(cause);
        if (open != group) {
            open.fail(cause);
        }
        pending = false;
    }

    /**
     * Commits what is pending, then stops. Appends must already be refused (the log is closed), so
     * no group forms after the last one.
     */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        appendLock.lock();
        try {
            if (!failed && !open.isEmpty()) {
                // cannot happen while appends are refused before close; never leave an appender waiting
                open.fail(new IllegalStateException("the event log closed before the event was synced"));
            }
        } finally {
            appendLock.unlock();
        }
    }
}
