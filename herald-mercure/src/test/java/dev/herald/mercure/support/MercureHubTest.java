package dev.herald.mercure.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared context of the protocol tests: Herald with the Mercure hub enabled, on Jetty at a
 * random port, anonymous subscribers allowed, separate publisher and subscriber keys, one CORS
 * origin, the subscriptions API on and a one-second heartbeat. Classes that extend it share one
 * application (and one log): each test uses topics of its own.
 */
@SpringBootTest(classes = MercureTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "herald.security.jwt.secret=" + Tokens.HERALD_SECRET,
                "herald.heartbeat=1s",
                "herald.mercure.enabled=true",
                "herald.mercure.publisher-jwt-key=" + Tokens.PUBLISHER_KEY,
                "herald.mercure.subscriber-jwt-key=" + Tokens.SUBSCRIBER_KEY,
                "herald.mercure.anonymous=true",
                "herald.mercure.cors-origins=" + MercureHubTest.ALLOWED_ORIGIN,
                "herald.mercure.subscriptions=true",
        })
public abstract class MercureHubTest {

    public static final String ALLOWED_ORIGIN = "https://app.example";
    protected static final Duration PATIENCE = Duration.ofSeconds(10);
    protected static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;
    private final List<SseStream> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        streams.forEach(SseStream::close);
    }

    protected String origin() {
        return "http://127.0.0.1:" + port;
    }

    protected URI url(String pathAndQuery) {
        return URI.create(origin() + pathAndQuery);
    }

    /** The hub's URL with these query parameters (names and values, in pairs). */
    protected URI hub(String... query) {
        StringBuilder url = new StringBuilder(origin()).append("/.well-known/mercure");
        for (int i = 0; i < query.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(encode(query[i])).append('=').append(encode(query[i + 1]));
        }
        return URI.create(url.toString());
    }

    /** A topic no other test uses. */
    protected static String uniqueTopic(String name) {
        return "https://example.com/" + name + "/" + UUID.randomUUID();
    }

    /** Posts a form with a bearer token (none if null). */
    protected HttpResponse<String> publish(String token, Form form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encoded()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** Publishes with full rights and expects success; returns the update's id. */
    protected String publishOk(Form form) {
        HttpResponse<String> response = publish(Tokens.publisher("*"), form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a stream that is closed after the test. */
    protected SseStream stream(URI uri, Map<String, String> headers) {
        SseStream stream = SseStream.open(uri, headers);
        streams.add(stream);
        return stream;
    }

    /** A stream on these topic selectors, with the token in the Authorization header (anonymous if null). */
    protected SseStream subscribe(String token, String... topics) {
        String[] query = new String[topics.length * 2];
        for (int i = 0; i < topics.length; i++) {
            query[2 * i] = "topic";
            query[2 * i + 1] = topics[i];
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        SseStream stream = stream(hub(query), headers);
        assertThat(stream.status()).isEqualTo(200);
        return stream;
    }

    /** Waits until the stream has received events with exactly these data, in order. */
    protected static void awaitData(SseStream stream, String... data) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stream.data()).containsExactly(data));
    }

    /** A problem document with this status whose detail says (among other things) {@code detailPart}. */
    protected static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains(detailPart);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
