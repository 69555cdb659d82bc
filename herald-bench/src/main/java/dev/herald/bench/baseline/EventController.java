package dev.herald.bench.baseline;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/subscribe?topic=…} returns a new emitter; {@code POST /api/events} sends to every match, in a loop. */
@RestController
@RequestMapping("/api")
public class EventController {

    private final EmitterRepository repository;
    private final AtomicLong ids = new AtomicLong();

    public EventController(EmitterRepository repository) {
        this.repository = repository;
    }

    @GetMapping(path = "/subscribe", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter subscribe(@RequestParam("topic") List<String> topics) {
        SseEmitter emitter = new SseEmitter(Long.MAX_VALUE);
        for (String topic : topics) {
            repository.add(topic, emitter);
        }
        Runnable cleanup = () -> topics.forEach(topic -> repository.remove(topic, emitter));
        emitter.onCompletion(cleanup);
        emitter.onTimeout(cleanup);
        emitter.onError(e -> cleanup.run());
        try {
            // as tutorials do: a first event, without which Tomcat sends no response head until the first publish
            emitter.send(SseEmitter.event().name("connect").data("connected"));
        } catch (IOException e) {
            emitter.completeWithError(e);
        }
        return emitter;
    }

    @PostMapping("/events")
    public Map<String, String> publish(@RequestBody PublishRequest request) {
        String id = Long.toString(ids.incrementAndGet());
        String type = request.type() == null ? "message" : request.type();
        Object data = request.data() == null ? "" : request.data().isString() ? request.data().asString()
                : request.data().toString();
        Map<SseEmitter, String> targets = new LinkedHashMap<>();
        if (request.topics() != null) {
            for (String topic : request.topics()) {
                repository.get(topic).forEach(e -> targets.putIfAbsent(e, topic));
            }
        }
        if (request.users() != null) {
            for (String user : request.users()) {
                String topic = "users/" + user;
                repository.get(topic).forEach(e -> targets.putIfAbsent(e, topic));
            }
        }
        targets.forEach((emitter, topic) -> {
            try {
                emitter.send(SseEmitter.event().id(id).name(type).data(data));
            } catch (IOException | IllegalStateException e) {
                repository.remove(topic, emitter);
            }
        });
        return Map.of("id", id);
    }
}
