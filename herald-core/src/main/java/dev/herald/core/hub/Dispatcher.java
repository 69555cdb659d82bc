package dev.herald.core.hub;

import dev.herald.core.event.Event;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path from "event in the log" to "event in an outbox", whatever the store: the log hands
 * each event over in log order, and one dispatcher thread encodes it once and offers the bytes to
 * every matching stream. Publishers never fan out, and a slow stream never slows the dispatcher
 * (outboxes do not block).
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Event STOP = null;

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final SubscriptionIndex index;
    private final Thread thread;
    private volatile boolean running = true;

    Dispatcher(SubscriptionIndex index) {
        this.index = index;
        this.thread = Thread.ofPlatform().name("herald-dispatcher").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Called by the log, in log order; never blocks. */
    void accept(Event event) {
        queue.add(event);
    }

    /** Events handed over by the log and not yet offered to streams. */
    int backlog() {
        return queue.size();
    }

    private void run() {
        while (running) {
            Event event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                dispatch(event);
            } catch (RuntimeException e) {
                log.error("dispatch of event {} failed", event.id(), e);
            }
        }
    }

    void dispatch(Event event) {
        Frame frame = Frame.event(event.position(), StreamWriter.encode(event), event.appendedAt().toEpochMilli());
        long position = event.position().value();
        index.forEachCandidate(event, connection -> {
            if (connection.lastDispatched >= position || !connection.subscription().accepts(event)) {
                return;
            }
            connection.lastDispatched = position;
            connection.enqueue(frame);
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
