package dev.herald.client;

import java.util.ArrayList;
import java.util.List;

/** Records parser callbacks in order. Single-threaded, like the parser it listens to. */
final class RecordingListener implements SseListener {

    sealed interface Signal permits Event, Comment, Retry {
    }

    record Event(SseEvent event) implements Signal {
    }

    record Comment(String text) implements Signal {
    }

    record Retry(long millis) implements Signal {
    }

    static Event event(String id, String type, String data) {
        return new Event(new SseEvent(id, type, data));
    }

    static Event message(String data) {
        return event("", "message", data);
    }

    private final List<Signal> signals = new ArrayList<>();

    @Override
    public void onEvent(SseEvent event) {
        signals.add(new Event(event));
    }

    @Override
    public void onComment(String comment) {
        signals.add(new Comment(comment));
    }

    @Override
    public void onRetry(long millis) {
        signals.add(new Retry(millis));
    }

    List<Signal> signals() {
        return List.copyOf(signals);
    }

    List<SseEvent> events() {
        return signals.stream()
                .filter(Event.class::isInstance)
                .map(s -> ((Event) s).event())
                .toList();
    }
}
