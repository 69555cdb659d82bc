package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.hub.Hub;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every limit of {@code herald.limits.*} is hit and answered with its problem, while a watcher
 * stream opened first keeps receiving.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.security.anonymous=true",
        "herald.heartbeat=1s",
        "herald.limits.max-connections-per-user=2",
        "herald.limits.max-connections-per-address=5",
        "herald.limits.publish-burst=3",
        "herald.limits.publish-rate=0.2",
        "herald.limits.max-topics-per-subscription=3",
        "herald.limits.max-query-length=300",
})
class AbuseLimitsTest {

    @LocalServerPort
    int port;
    @Autowired
    Hub hub;
    HeraldHttp http;
    final String publisher = TestTokens.publisher("*");
    final List<SseStream> streams = new ArrayList<>();
    SseStream watcher;

    @BeforeEach
    void openWatcher() {
        http = new HeraldHttp(port);
        watcher = open(Map.of(), "topic", "news");
        assertThat(watcher.status()).isEqualTo(200);
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(SseStream::close);
        await().until(() -> hub.connectionCount() == 0);
    }

    private SseStream open(Map<String, String> headers, String... query) {
        SseStream stream = SseStream.open(http.subscribeUri(query), headers);
        streams.add(stream);
        return stream;
    }

    /** The watcher still gets what is published: the limit hurt only the abuser. */
    private void watcherStillReceives(String text) {
        http.publishOk(publisher, "{\"topics\": [\"news\"], \"data\": \"" + text + "\"}");
        await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(watcher.data()).contains(text));
    }

    @Test
    void liveStreamsPerUserAndPerAddressAreCapped() {
        Map<String, String> alice = Map.of("Authorization", "Bearer " + TestTokens.user("alice"));
        assertThat(open(alice).status()).isEqualTo(200);
        assertThat(open(alice).status()).isEqualTo(200);

        HttpResponse<String> third = http.get("/api/subscribe", alice);
        assertThat(assertProblem(third, 429)).contains("too many live streams for this user: at most 2")
                .contains("herald.limits.max-connections-per-user");
        assertThat(third.headers().firstValue("Retry-After")).isPresent();

        // watcher + 2 of alice's + 2 more = 5 from this address
        assertThat(open(Map.of(), "topic", "x").status()).isEqualTo(200);
        assertThat(open(Map.of(), "topic", "y").status()).isEqualTo(200);
        HttpResponse<String> sixth = http.get("/api/subscribe?topic=z", Map.of());
        assertThat(assertProblem(sixth, 429)).contains("too many live streams from this address: at most 5");
        watcherStillReceives("after connection limits");

        // a closed stream gives its place back
        streams.get(1).close();
        await().until(() -> hub.connectionCount() == 4);
        assertThat(open(alice).status()).isEqualTo(200);
    }

    @Test
    void publishRatePerTokenHolder() {
        String flooder = TestTokens.sign(TestTokens.SECRET, new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("flooder")
                .claim("herald", Map.of("publish", List.of("*"))).build());
        for (int i = 0; i < 3; i++) {
            assertThat(http.publish(flooder, "{\"topics\": [\"spam\"], \"data\": 1}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> fourth = http.publish(flooder, "{\"topics\": [\"spam\"], \"data\": 1}");
        assertThat(assertProblem(fourth, 429)).contains("too many publishes by 'flooder'").contains("herald.limits.publish-rate");
        assertThat(fourth.headers().firstValue("Retry-After")).hasValue("5");
        watcherStillReceives("another publisher is not limited");
    }

    @Test
    void theBatchPublishRateCountsEvents() {
        String batcher = TestTokens.sign(TestTokens.SECRET, new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("batcher")
                .claim("herald", Map.of("publish", List.of("*"))).build());
        String two = "{\"events\": [{\"topics\": [\"spam\"], \"data\": 1}, {\"topics\": [\"spam\"], \"data\": 2}]}";
        String four = "{\"events\": [" + String.join(",", java.util.Collections.nCopies(4, "{\"topics\": [\"spam\"], \"data\": 1}"))
                + "]}";

        assertThat(assertProblem(http.publishBatch(batcher, four), 400))
                .isEqualTo("the batch has 4 events, more than herald.limits.publish-burst (3) lets one publisher send at"
                        + " once: send smaller batches");
        assertThat(http.publishBatch(batcher, two).statusCode()).isEqualTo(201);
        HttpResponse<String> second = http.publishBatch(batcher, two);
        assertThat(assertProblem(second, 429)).contains("too many publishes by 'batcher'");
        // the one event left of the burst is still there: a refused batch takes nothing
        assertThat(http.publish(batcher, "{\"topics\": [\"spam\"], \"data\": 3}").statusCode()).isEqualTo(201);
        assertThat(http.publish(batcher, "{\"topics\": [\"spam\"], \"data\": 4}").statusCode()).isEqualTo(429);
    }

    @Test
    void topicsPerStreamAndQueryLength() {
        HttpResponse<String> topics = http.get("/api/subscribe?topic=a&topic=b&topic=c&topic=d", Map.of());
        assertThat(assertProblem(topics, 413)).contains("too many topics: at most 3").contains("herald.limits.max-topics-per-subscription");

        HttpResponse<String> query = http.get("/api/subscribe?topic=" + "a".repeat(400), Map.of());
        assertThat(assertProblem(query, 414)).contains("herald.limits.max-query-length");
        watcherStillReceives("after size limits");
    }

    @Test
    void hugeOrGarbageLastEventIdIsHarmless() {
        // an id the log never issued: the stream opens (the client is told to reset), nothing else happens
        SseStream garbage = open(Map.of("Last-Event-ID", "not-an-id-of-ours \\ ' \" {} ../.."), "topic", "news");
        assertThat(garbage.status()).isEqualTo(200);

        HttpResponse<String> large = http.get("/api/subscribe?topic=news", Map.of("Last-Event-ID", "9".repeat(6000)));
        assertThat(assertProblem(large, 400)).contains("invalid Last-Event-ID header").contains("at most 256 characters");

        // a megabyte is cut by the container's header limit before Herald sees it
        HttpResponse<String> megabyte = http.get("/api/subscribe?topic=news", Map.of("Last-Event-ID", "x".repeat(1 << 20)));
        assertThat(megabyte.statusCode()).isEqualTo(431);

        HttpResponse<String> nul = http.get("/api/subscribe?topic=news&lastEventId=a%00b", Map.of());
        assertThat(assertProblem(nul, 400)).contains("invalid lastEventId parameter");
        watcherStillReceives("after bad ids");
    }
}
