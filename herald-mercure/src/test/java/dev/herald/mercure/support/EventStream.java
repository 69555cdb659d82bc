package dev.herald.mercure.support;

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

/**
 * One Mercure stream over a real socket: {@code java.net.http} reads it and herald-client's
 * {@link SseParser} parses it on a virtual thread, while the test looks at what has arrived.
 */
public final class EventStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<InputStream> response;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("mercure-test-reader").start(this::read);
        } else {
            ended.complete(null);
        }
    }

    /** Returns once the response headers are in. */
    public static EventStream open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        try {
            return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
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

            @Override
            public void onComment(String comment) {
                comments.add(comment);
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
            // the test closed the stream, or the server cut it
        } finally {
            ended.complete(null);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    public List<String> data() {
        return events.stream().map(SseEvent::data).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    /** Leaves as a browser tab does: closes the connection. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
