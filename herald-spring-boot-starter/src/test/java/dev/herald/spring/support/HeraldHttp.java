package dev.herald.spring.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain requests to a hub under test, over a real socket. */
public final class HeraldHttp {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final int port;

    public HeraldHttp(int port) {
        this.port = port;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** {@code /api/subscribe?topic=a&topic=b&...} with each value encoded. */
    public URI subscribeUri(String... query) {
        StringBuilder target = new StringBuilder("/api/subscribe");
        for (int i = 0; i + 1 < query.length; i += 2) {
            target.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        return uri(target.toString());
    }

    public HttpResponse<String> publish(String token, String json) {
        return post("/api/events", token, json);
    }

    /** {@code POST /api/events/batch} with {@code json} as the body. */
    public HttpResponse<String> publishBatch(String token, String json) {
        return post("/api/events/batch", token, json);
    }

    private HttpResponse<String> post(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** Publishes and returns the event's id; fails unless the hub answered 201. */
    public String publishOk(String token, String json) {
        HttpResponse<String> response = publish(token, json);
        if (response.statusCode() != 201) {
            throw new AssertionError("publish answered " + response.statusCode() + ": " + response.body());
        }
        Matcher matcher = ID.matcher(response.body());
        if (!matcher.find()) {
            throw new AssertionError("no id in " + response.body());
        }
        return matcher.group(1);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        headers.forEach(request::header);
        return send(request);
    }
}
