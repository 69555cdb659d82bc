package dev.herald.server;

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
import java.util.concurrent.CopyOnWriteArrayList;

/** Real HTTP to a running herald-server, and SSE streams parsed with herald-client's parser. */
final class ServerHttp {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    ServerHttp(int port) {
        this.port = port;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    HttpResponse<String> publish(String token, String json) {
        return send(HttpRequest.newBuilder(uri("/api/events"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open SSE stream whose events are collected on a virtual thread. */
    final class Stream implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final List<SseEvent> events = new CopyOnWriteArrayList<>();
        final List<Long> retries = new CopyOnWriteArrayList<>();
        /** Completes when the server ends the stream (or the test closes it). */
        final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();

        Stream(String pathAndQuery) {
            this(pathAndQuery, java.util.Map.of());
        }

        Stream(String pathAndQuery, java.util.Map<String, String> headers) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
                headers.forEach(request::header);
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            SseParser parser = new SseParser(new SseListener() {
                @Override
                public void onEvent(SseEvent event) {
                    events.add(event);
                }

                @Override
                public void onRetry(long millis) {
                    retries.add(millis);
                }
            });
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = response.body()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        parser.feed(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // closed by the test
                } finally {
                    ended.complete(null);
                }
            });
        }

        List<String> data() {
            return events.stream().map(SseEvent::data).toList();
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    Stream stream(String pathAndQuery) {
        return new Stream(pathAndQuery);
    }

    Stream stream(String pathAndQuery, java.util.Map<String, String> headers) {
        return new Stream(pathAndQuery, headers);
    }
}
