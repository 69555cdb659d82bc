package dev.herald.bench.baseline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Tutorial style: topic (a user's stream is the topic {@code users/<id>}) → the emitters subscribed to it. */
@Component
public class EmitterRepository {

    private final Map<String, List<SseEmitter>> emitters = new ConcurrentHashMap<>();

    public void add(String topic, SseEmitter emitter) {
        emitters.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(emitter);
    }

    public void remove(String topic, SseEmitter emitter) {
        List<SseEmitter> list = emitters.get(topic);
        if (list != null) {
            list.remove(emitter);
        }
    }

    public List<SseEmitter> get(String topic) {
        return emitters.getOrDefault(topic, List.of());
    }
}
