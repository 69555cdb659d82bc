package dev.herald.core.testing;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One SSE stream over a real socket, as the tests of every module read it: {@code java.net.http}
 * reads it, herald-client's {@link SseParser} parses it on a virtual thread, and the test looks at
 * what has arrived: events, comments, {@code retry} values, and the raw (de-chunked) wire bytes for
 * tests that assert the wire format itself. A stream answered with another status than 200 is not
 * read; {@link #status()} and {@link #response()} say what came instead.
 */
public final class SseStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<InputStream> response;
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> commentNanos = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final long openedAtNanos = System.nanoTime();

    private SseStream(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().name("sse-test-reader").start(this::read);
        } else {
            ended.complete(null);
        }
    }

    public static SseStream open(URI uri) {
        return open(uri, Map.of());
    }

    /** Returns once the response headers are in: a stream that answers at all answers at once. */
    public static SseStream open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
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

            @Override
            public void onComment(String comment) {
                commentNanos.add(System.nanoTime());
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

    /** The first value of a response header, {@code null} when there is none. */
    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    public List<String> data() {
        return events.stream().map(SseEvent::data).toList();
    }

    public List<String> ids() {
        return events.stream().map(SseEvent::id).toList();
    }

    /** The id of the last event that arrived, {@code ""} before any. */
    public String lastEventId() {
        List<SseEvent> all = events();
        return all.isEmpty() ? "" : all.getLast().id();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Milliseconds from opening the stream to each comment. */
    public List<Long> commentMillis() {
        return commentNanos.stream().map(t -> Duration.ofNanos(t - openedAtNanos).toMillis()).toList();
    }

    public List<Long> retries() {
        return List.copyOf(retries);
    }

    /** Every byte of the body so far, as it came over the wire (less the chunked framing). */
    public byte[] rawBytes() {
        return raw.toByteArray();
    }

    /** {@link #rawBytes()} as UTF-8 text: the wire lines with their line ends. */
    public String rawText() {
        return new String(rawBytes(), StandardCharsets.UTF_8);
    }

    /** Completes when the server ends the stream or the test closes it; at once for a refused one. */
    public CompletableFuture<Void> ended() {
        return ended;
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
