package dev.herald.redis.hub;

import dev.herald.core.log.EventLog;
import dev.herald.core.testing.FreePorts;
import dev.herald.core.testing.SseStream;
import dev.herald.redis.RedisEventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One Herald node: a Spring context on a free port, on the shared Redis. */
final class HubNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final String name;
    private final ConfigurableApplicationContext context;
    private final int port;
    private final List<SseStream> streams = new ArrayList<>();

    private HubNode(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static HubNode start(String name, String redisUrl, String keyPrefix, String... moreProperties) {
        List<String> properties = new ArrayList<>(List.of(
                        "logging.level.root=WARN",
                        "logging.level.dev.herald=INFO",
                        "spring.application.name=herald-" + name,
                        "herald.node=" + name,
                        "spring.main.banner-mode=off",
                        "server.port=" + FreePorts.next(),
                        "herald.store.type=redis",
                        "herald.redis.url=" + redisUrl,
                        "herald.redis.key-prefix=" + keyPrefix,
                        "herald.redis.timeout=1s",
                        "herald.redis.reconnect-initial-delay=20ms",
                        "herald.redis.reconnect-max-delay=250ms",
                        "herald.security.jwt.secret=" + Tokens.SECRET,
                        "herald.heartbeat=1s",
                        "herald.connection.client-retry=100ms"));
        properties.addAll(List.of(moreProperties));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HubNodeApplication.class)
                .main(HubNodeApplication.class)
                .properties(properties.toArray(String[]::new))
                .run();
        return new HubNode(name, context);
    }

    int port() {
        return port;
    }

    EventLog eventLog() {
        return context.getBean(EventLog.class);
    }

    RedisEventLog redisLog() {
        return context.getBean(RedisEventLog.class);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** Opens a stream on this node; it is closed with the node. */
    SseStream subscribe(String token, String topic) {
        return subscribe(token, topic, Map.of());
    }

    SseStream subscribe(String token, String topic, Map<String, String> headers) {
        SseStream stream = subscribeAt(port, token, topic, headers);
        streams.add(stream);
        return stream;
    }

    /** Opens {@code GET /api/subscribe?topic=...} on the node at {@code port}; returns once the response headers are in. */
    static SseStream subscribeAt(int port, String token, String topic, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", "Bearer " + token);
        all.putAll(headers);
        return SseStream.open(URI.create("http://127.0.0.1:" + port + "/api/subscribe?topic=" + topic), all);
    }

    /** {@code POST /api/events} with the publisher's token: the status and, for a 201, the id. */
    Published publish(String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Tokens.publisher())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(response.body());
            return new Published(response.statusCode(), response.statusCode() == 201 && id.find() ? id.group(1) : null,
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET <path and query>} with a bearer token (none when null): the status and the body. */
    static Answer get(int port, String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String pathAndQuery, String token) {
        return get(port, pathAndQuery, token);
    }

    /** An answer's status and body. */
    record Answer(int status, String body) {
    }

    /** Publishes {@code data} to {@code topic} and insists on a 201. */
    String publishOk(String topic, String data) {
        Published published = publish(event(topic, data));
        if (published.status() != 201) {
            throw new AssertionError(name + " answered " + published.status() + ": " + published.body());
        }
        return published.id();
    }

    static String event(String topic, String data) {
        return "{\"topics\": [\"" + topic + "\"], \"data\": \"" + data + "\"}";
    }

    /** The answer to a publish. */
    record Published(int status, String id, String body) {
    }

    boolean isRunning() {
        return context.isActive();
    }

    @Override
    public void close() {
        streams.forEach(SseStream::close);
        if (context.isActive()) {
            context.close();
        }
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
