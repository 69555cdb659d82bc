package dev.herald.spring.support;

import dev.herald.client.SseEvent;
import dev.herald.client.SseListener;
import dev.herald.client.SseParser;
import java.io.ByteArrayOutputStream;
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
 * One SSE stream over a real socket: {@code java.net.http} reads it, herald-client's parser parses
 * it on a virtual thread, and the test looks at what arrived. Also keeps the raw (de-chunked) bytes.
 */
public final class SseTestClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<InputStream> response;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private final List<Long> commentTimes = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final long openedAtNanos = System.nanoTime();

    private SseTestClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("sse-test-reader").start(this::read);
        } else {
            ended.complete(null);
        }
    }

    public static SseTestClient open(URI uri) {
        return open(uri, Map.of());
    }

    /** Returns once the response headers are in: a stream that answers at all answers at once. */
    public static SseTestClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        try {
            return new SseTestClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
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
                commentTimes.add(System.nanoTime());
                comments.add(comment);
            }

            @Override
            public void onRetry(long millis) {
                retries.add(millis);
            }
        });
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                raw.write(buffer, 0, n);
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

    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    public List<String> eventData() {
        return events.stream().map(SseEvent::data).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    public List<Long> retries() {
        return List.copyOf(retries);
    }

    /** Milliseconds from opening the stream to each comment. */
    public List<Long> commentMillis() {
        return commentTimes.stream().map(t -> Duration.ofNanos(t - openedAtNanos).toMillis()).toList();
    }

    public byte[] rawBytes() {
        return raw.toByteArray();
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    public CompletableFuture<Void> ended() {
        return ended;
    }

    public String lastEventId() {
        List<SseEvent> all = events();
        return all.isEmpty() ? "" : all.getLast().id();
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
