package dev.herald.spring.support;

import dev.herald.core.hub.Hub;
import dev.herald.core.testing.SseStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared context of most HTTP tests: a hub on Jetty at a random port, anonymous subscribers
 * allowed, a one-second heartbeat, no clock-skew leeway. Classes that extend it share one application context.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.security.anonymous=true",
        "herald.heartbeat=1s",
        // the tests of expiry expect streams to end at exp itself
        "herald.security.jwt.clock-skew=0s",
})
public abstract class OpenHubTestSupport {

    @LocalServerPort
    protected int port;
    @Autowired
    protected Hub hub;
    @Autowired
    protected RecordingObserver observer;
    protected HeraldHttp http;
    protected final String publisher = TestTokens.publisher("*");
    private final List<SseStream> clients = new ArrayList<>();

    @BeforeEach
    void setUpHttp() {
        http = new HeraldHttp(port);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SseStream::close);
    }

    /** Opens a stream that is closed after the test. */
    protected SseStream stream(URI uri, Map<String, String> headers) {
        SseStream client = SseStream.open(uri, headers);
        clients.add(client);
        return client;
    }

    protected SseStream stream(URI uri) {
        return stream(uri, Map.of());
    }

    /** A stream of {@code user}, with their token in the Authorization header. */
    protected SseStream userStream(String token, String... topics) {
        String[] query = new String[topics.length * 2];
        for (int i = 0; i < topics.length; i++) {
            query[2 * i] = "topic";
            query[2 * i + 1] = topics[i];
        }
        return stream(http.subscribeUri(query), Map.of("Authorization", "Bearer " + token));
    }
}
