package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.hub.Hub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The server against hostile clients, over raw sockets: random and malformed requests at every
 * endpoint never get a 5xx and leave a healthy hub; idle and stalled connections are cut by the
 * server's own idle timeout; all while a watcher stream keeps receiving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + HeraldServerAbuseTest.SECRET,
        "herald.store.type=memory",
        "herald.heartbeat=1s",
        "server.jetty.connection-idle-timeout=2s",
        // the fuzzer is one address making hundreds of requests: rate limits are tested elsewhere
        "herald.limits.subscribe-burst=100000",
        "herald.limits.publish-burst=100000",
})
class HeraldServerAbuseTest {

    static final String SECRET = "a-fuzzing-secret-of-at-least-32-bytes!!";
    private static final long SEED = 20261122L;
    private static final int REQUESTS = 400;

    @LocalServerPort
    int port;
    @Autowired
    Hub hub;
    private final StringBuffer watched = new StringBuffer();
    private HttpResponse<InputStream> watcher;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void openWatcher() throws Exception {
        watcher = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/subscribe?topic=watch")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(watcher.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[4096];
            try (InputStream in = watcher.body()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    watched.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // closed after the test
            }
        });
    }

    @AfterEach
    void closeWatcher() throws IOException {
        watcher.body().close();
    }

    @Test
    void randomAndMalformedRequestsNeverGet5xxAndTheHubStaysHealthy() throws Exception {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int i = 0; i < REQUESTS && System.nanoTime() < deadline; i++) {
            byte[] request = randomRequest(random);
            int status = exchange(request);
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("request %d:\n%s", i, new String(request, StandardCharsets.ISO_8859_1)).isLessThan(500);
        }
        System.out.println("fuzz statuses (0 = closed without an answer): " + statuses);
        // the generator reaches past the token check and the parsers, not just the first refusal
        assertThat(statuses).containsKeys(200, 201, 400, 401, 403, 404, 405);

        assertWatcherReceives("after the fuzzing");
        // every stream the fuzzer opened is gone again (the watcher stays)
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.connectionCount() == 1);
        int health = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat(health).isEqualTo(200);
    }

    @Test
    void idleAndStalledConnectionsAreCutByTheIdleTimeout() throws Exception {
        try (Socket idle = connect(); Socket stalled = connect()) {
            stalled.getOutputStream().write("GET /api/subscribe?topic=watch HTTP/1.1\r\nHost: x\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            Instant start = Instant.now();

            assertClosedWithin(idle, Duration.ofSeconds(6));
            assertClosedWithin(stalled, Duration.ofSeconds(6));
            assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        }
        assertWatcherReceives("after the stalled clients");
    }

    private void assertWatcherReceives(String text) throws Exception {
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/events"))
                        .header("Authorization", "Bearer " + token("publisher", Map.of("publish", List.of("*"))))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"topics\": [\"watch\"], \"data\": \"" + text + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> watched.toString().contains(text));
    }

    private static void assertClosedWithin(Socket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // whatever Jetty says before closing (a 408 or nothing)
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close an idle connection within " + limit);
        } catch (IOException e) {
            // reset: closed as well
        }
    }

    /** Sends raw bytes and returns the status of the answer; 0 when the server just closed. */
    private int exchange(byte[] request) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.size() < 200) {
                line.write(b);
            }
            String statusLine = line.toString(StandardCharsets.ISO_8859_1);
            if (!statusLine.startsWith("HTTP/1.1 ")) {
                return 0;
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 5 s to:\n" + new String(request, StandardCharsets.ISO_8859_1), e);
        } catch (IOException e) {
            return 0; // reset by the server: a refusal, not a failure
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return socket;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    // ---- the generator ----

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "G\u00e9T", ""};
    private static final String[] PATHS = {"/api/subscribe", "/api/events", "/demo/token", "/", "/actuator/health",
            "/.well-known/mercure", "/api/subscribe/../events", "/api//subscribe", "/%2e%2e/%2e%2e/etc/passwd", "/api/\u0000",
            "/api/subscribe;jsessionid=x", "*"};
    private static final String[] SELECTORS = {"news", "*", "users/{id}", "a/{", "{}", "}", "%", "%zz", "%00", "%E2%82%AC",
            "orders/{id}/{", "a+b", "x".repeat(300), "/", "", "..", "%7B%7D", "users/alice", "{+path}", "{?q}"};
    private static final String[] CONTENT_TYPES = {"application/json", "text/plain", "application/json; charset=latin1",
            "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*", ";;;", ""};
    private static final String[] BODIES = {"{}", "[]", "null", "{\"topics\": [\"news\"], \"data\": 1}",
            "{\"topics\": \"news\"}", "{\"topics\": [\"news\"], \"data\": " + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{\"users\": [\"\"], \"data\": 1}", "{\"id\": \"a\\nb\", \"topics\": [\"news\"], \"data\": 1}",
            "{\"topics\": [\"a/{\"], \"data\": 1}", "{\"topics\": [\"news\"], \"data\": 1e999999}",
            "{\"topics\": [\"news\"], \"type\": \"x\\r\\ndata: injected\", \"data\": 1}", "\u0000\u0001\u0002", "{\"a\":"};

    private byte[] randomRequest(Random random) {
        return random.nextInt(3) == 0 ? nearlyValidRequest(random) : wildRequest(random);
    }

    /**
     * A well-formed subscribe or publish with a valid token, with one part replaced by something
     * odd: reaches the parsers and checks behind the token verification.
     */
    private byte[] nearlyValidRequest(Random random) {
        boolean publish = random.nextBoolean();
        String token = token("fuzzer" + random.nextInt(5), Map.of("publish", List.of("*"), "subscribe", List.of("*")));
        StringBuilder head = new StringBuilder(publish ? "POST /api/events" : "GET /api/subscribe");
        if (!publish) {
            String selector = random.nextBoolean() ? "news" : pick(random, SELECTORS);
            head.append("?topic=").append(random.nextBoolean() ? java.net.URLEncoder.encode(selector, StandardCharsets.UTF_8) : selector);
        }
        head.append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n")
                .append("Authorization: Bearer ").append(token).append("\r\n");
        switch (random.nextInt(4)) {
            case 0 -> head.append("Last-Event-ID: ").append(randomAscii(random, random.nextInt(300))).append("\r\n");
            case 1 -> head.append("Origin: https://").append(randomAscii(random, 10)).append("\r\n");
            case 2 -> head.append("Accept: ").append(pick(random, CONTENT_TYPES)).append("\r\n");
            default -> { }
        }
        byte[] body = new byte[0];
        if (publish) {
            body = pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
            head.append("Content-Type: ").append(random.nextInt(4) == 0 ? pick(random, CONTENT_TYPES) : "application/json")
                    .append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Anything: methods, paths, parameters, headers and bodies drawn at random. */
    private byte[] wildRequest(Random random) {
        String method = pick(random, METHODS);
        String path = pick(random, PATHS);
        StringBuilder query = new StringBuilder();
        int params = random.nextInt(5);
        for (int i = 0; i < params; i++) {
            query.append(i == 0 ? '?' : '&');
            switch (random.nextInt(5)) {
                case 0 -> query.append("topic=").append(pick(random, SELECTORS));
                case 1 -> query.append("lastEventId=").append(randomAscii(random, random.nextInt(400)));
                case 2 -> query.append("access_token=").append(randomToken(random));
                case 3 -> query.append(randomAscii(random, 10)).append('=').append(randomAscii(random, 10));
                default -> query.append("topic");
            }
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(query)
                .append(random.nextInt(20) == 0 ? " HTTP/1.0" : " HTTP/1.1").append("\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        head.append("Connection: close\r\n");
        int headers = random.nextInt(5);
        for (int i = 0; i < headers; i++) {
            switch (random.nextInt(8)) {
                case 0 -> head.append("Authorization: ").append(random.nextBoolean() ? "Bearer " : "").append(randomToken(random));
                case 1 -> head.append("Last-Event-ID: ").append(randomAscii(random, random.nextInt(600)));
                case 2 -> head.append("Origin: ").append(random.nextBoolean() ? "https://" + randomAscii(random, 12) : randomAscii(random, 8));
                case 3 -> head.append("Cookie: herald_token=").append(randomToken(random));
                case 4 -> head.append("Referer: ").append(randomAscii(random, 30));
                case 5 -> head.append("Accept: ").append(random.nextBoolean() ? "text/event-stream" : randomAscii(random, 10));
                case 6 -> head.append("Access-Control-Request-Method: ").append(pick(random, METHODS));
                default -> head.append(randomAscii(random, 8)).append(": ").append(randomAscii(random, 20));
            }
            head.append("\r\n");
        }
        byte[] body = new byte[0];
        if (random.nextInt(3) > 0) {
            body = random.nextInt(4) == 0 ? randomBytes(random, random.nextInt(2000)) : pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
            head.append("Content-Type: ").append(pick(random, CONTENT_TYPES)).append("\r\n");
            head.append("Content-Length: ").append(random.nextInt(30) == 0 ? "banana" : Integer.toString(body.length)).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** Garbage, a JWT-shaped string of random parts, or a real token with odd claims. */
    private static String randomToken(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> randomAscii(random, random.nextInt(100));
            case 1 -> b64(randomBytes(random, 20)) + "." + b64(randomBytes(random, 40)) + "." + b64(randomBytes(random, 32));
            case 2 -> b64("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + b64("{\"sub\":\"x\"}".getBytes(StandardCharsets.UTF_8)) + ".";
            default -> token(random.nextBoolean() ? "alice" : "x".repeat(random.nextInt(400)),
                    random.nextBoolean() ? Map.of("publish", List.of("*"), "subscribe", List.of("{x}")) : Map.of("publish", "*"));
        };
    }

    static String token(String subject, Map<String, ?> herald) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("herald", herald).build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Printable ASCII plus the odd byte a header may not hold. */
    private static String randomAscii(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(200) == 0 ? (char) random.nextInt(32) : (char) (0x21 + random.nextInt(94)));
        }
        return out.toString().replace("\r", "").replace("\n", "");
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
