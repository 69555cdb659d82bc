package dev.herald.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Delivers what a source produces to its registered listeners and event iterators, isolating the
 * connection thread from listener exceptions. Registration is thread-safe; delivery happens on the
 * connection thread only.
 */
final class ListenerFanout {

    private static final System.Logger LOG = System.getLogger(HeraldEventSource.class.getName());

    private final List<EventSourceListener> listeners = new CopyOnWriteArrayList<>();
    private final List<EventQueue<SseEvent>> queues = new CopyOnWriteArrayList<>();
    private volatile boolean completed;

    void add(EventSourceListener listener) {
        listeners.add(listener);
    }

    boolean remove(EventSourceListener listener) {
        return listeners.remove(listener);
    }

    /** A new iterator that sees events delivered from now on; already ended if the source is done. */
    EventQueue<SseEvent> newQueue(int capacity) {
        EventQueue<SseEvent> queue = new EventQueue<>(capacity, queues::remove);
        queues.add(queue);
        if (completed) {
            // complete() may have run before the add: make sure this one ends too
            queue.complete();
            queues.remove(queue);
        }
        return queue;
    }

    void event(SseEvent event) {
        each(listener -> listener.onEvent(event), "onEvent");
        for (EventQueue<SseEvent> queue : queues) {
            if (!queue.put(event)) {
                queues.remove(queue);
            }
        }
    }

    void comment(String comment) {
        each(listener -> listener.onComment(comment), "onComment");
    }

    void state(ConnectionState state) {
        each(listener -> listener.onStateChange(state), "onStateChange");
    }

    void error(ConnectionError error) {
        each(listener -> listener.onError(error), "onError");
    }

    void reconnectScheduled(Duration delay) {
        each(listener -> listener.onReconnectScheduled(delay), "onReconnectScheduled");
    }

    /** Ends all iterators (they drain what they hold first) and every iterator created later. */
    void complete() {
        completed = true;
        for (EventQueue<SseEvent> queue : queues) {
            queue.complete();
        }
        queues.clear();
    }

    private void each(Consumer<EventSourceListener> call, String callback) {
        for (EventSourceListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "EventSourceListener." + callback + " threw; ignored", e);
            }
        }
    }
}
