package dev.herald.redis.hub;

import dev.herald.client.SseEvent;
import dev.herald.client.SseListener;
import dev.herald.client.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** One SSE stream over a real socket, parsed by herald-client's {@link SseParser} on a virtual thread. */
final class SseStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<InputStream> response;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("sse-stream-reader").start(this::read);
        } else {
            ended.complete(null);
        }
    }

    /** Opens {@code GET /api/subscribe?topic=...} on a node; returns once the response headers are in. */
    static SseStream open(int port, String token, String topic, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/subscribe?topic=" + topic))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .GET();
        headers.forEach(request::header);
        try {
            return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        SseParser parser = new SseParser(new SseListener() {
            @Override
            public void onEvent(SseEvent event) {
                events.add(event);
            }
        });
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                parser.feed(buffer, 0, n);
            }
            parser.end();
        } catch (IOException e) {
            // closed by the test, or cut by the server
        } finally {
            ended.complete(null);
        }
    }

    int status() {
        return response.statusCode();
    }

    List<SseEvent> events() {
        return List.copyOf(events);
    }

    List<String> data() {
        return events.stream().map(SseEvent::data).toList();
    }

    List<String> ids() {
        return events.stream().map(SseEvent::id).toList();
    }

    String lastEventId() {
        List<SseEvent> all = events();
        return all.isEmpty() ? "" : all.getLast().id();
    }

    boolean hasEnded() {
        return ended.isDone();
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
