package dev.herald.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every callback of a {@link HeraldEventSource}, in order, with the calling thread. */
final class RecordingEventSourceListener implements EventSourceListener {

    sealed interface Callback permits Event, Comment, State, Error, Scheduled {
    }

    record Event(SseEvent event) implements Callback {
    }

    record Comment(String text) implements Callback {
    }

    record State(ConnectionState state) implements Callback {
    }

    record Error(ConnectionError error) implements Callback {
    }

    record Scheduled(Duration delay) implements Callback {
    }

    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SseEvent event) {
        record(new Event(event));
    }

    @Override
    public void onComment(String comment) {
        record(new Comment(comment));
    }

    @Override
    public void onStateChange(ConnectionState state) {
        record(new State(state));
    }

    @Override
    public void onError(ConnectionError error) {
        record(new Error(error));
    }

    @Override
    public void onReconnectScheduled(Duration delay) {
        record(new Scheduled(delay));
    }

    private void record(Callback callback) {
        threads.add(Thread.currentThread());
        callbacks.add(callback);
    }

    List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    List<SseEvent> events() {
        return callbacks.stream().filter(Event.class::isInstance).map(c -> ((Event) c).event()).toList();
    }

    List<String> comments() {
        return callbacks.stream().filter(Comment.class::isInstance).map(c -> ((Comment) c).text()).toList();
    }

    List<ConnectionState> states() {
        return callbacks.stream().filter(State.class::isInstance).map(c -> ((State) c).state()).toList();
    }

    List<ConnectionError> errors() {
        return callbacks.stream().filter(Error.class::isInstance).map(c -> ((Error) c).error()).toList();
    }

    List<Duration> scheduledDelays() {
        return callbacks.stream().filter(Scheduled.class::isInstance).map(c -> ((Scheduled) c).delay()).toList();
    }

    List<Thread> threads() {
        return List.copyOf(threads);
    }
}
