package dev.herald.core.hub;

import dev.herald.core.event.Event;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of the path from "event in the log" to "event in an outbox", whatever the store. The
 * hub assigns each stream to one shard; every shard gets every event, in log order, and its thread
 * offers the shared encoded frame to the matching streams of its own {@link SubscriptionIndex}.
 * So a stream's events arrive in log order, the shards fan out in parallel, and publishers never
 * fan out. A slow stream never slows a shard (outboxes do not block).
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final BlockingQueue<LoggedEvent> queue = new LinkedBlockingQueue<>();
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final Thread thread;
    private volatile boolean running = true;

    Dispatcher(String threadName) {
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Called in log order; never blocks. */
    void accept(LoggedEvent event) {
        queue.add(event);
    }

    /** Events handed over and not yet offered to this shard's streams. */
    int backlog() {
        return queue.size();
    }

    /** Puts a stream into this shard's fan-out: it gets every event dispatched from now on. */
    void add(Connection connection) {
        index.add(connection);
    }

    void remove(Connection connection) {
        index.remove(connection);
    }

    /** Exact topics with a stream in this shard. */
    int indexedTopics() {
        return index.topicCount();
    }

    private void run() {
        while (running) {
            LoggedEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                dispatch(event);
            } catch (RuntimeException e) {
                log.error("dispatch of event {} failed", event.event().id(), e);
            }
        }
    }

    void dispatch(LoggedEvent logged) {
        Event event = logged.event();
        Frame frame = logged.frame();
        long position = event.position().value();
        long sequence = logged.sequence();
        if (event.privateEvent()) {
            index.forEachCandidate(event, connection -> offerIfAccepted(connection, event, frame, position, sequence));
        } else {
            // a public event accepted by a stream indexed under one of its topics: nothing to check
            index.forEachCandidate(event,
                    connection -> offer(connection, frame, position, sequence),
                    connection -> offerIfAccepted(connection, event, frame, position, sequence));
        }
    }

    private static void offerIfAccepted(Connection connection, Event event, Frame frame, long position, long sequence) {
        if (connection.subscription().accepts(event)) {
            offer(connection, frame, position, sequence);
        }
    }

    private static void offer(Connection connection, Frame frame, long position, long sequence) {
        // a stream indexed under several of the event's topics is named more than once
        if (connection.lastDispatched >= position) {
            return;
        }
        connection.lastDispatched = position;
        // a resuming stream still replaying gets the event from the ring, not through its outbox
        if (connection.catchingUp() && connection.skip(sequence)) {
            return;
        }
        connection.enqueue(frame);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
