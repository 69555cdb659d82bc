package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Hub;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.RecordingObserver;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code herald.connection.max-lifetime}: a stream ends cleanly (a {@code retry:} hint, then the end
 * of the response) after its lifetime, and the client resumes by id without losing what was
 * published in between. Jitter is off here so the end is predictable.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.connection.max-lifetime=2s",
        "herald.connection.lifetime-jitter=0",
        "herald.connection.client-retry=500ms",
        "herald.heartbeat=1s",
})
class StreamLifetimeTest {

    @LocalServerPort
    int port;
    @Autowired
    Hub hub;
    @Autowired
    RecordingObserver observer;

    @Test
    void streamEndsCleanlyAtMaxLifetimeAndResumesByLastEventId() {
        HeraldHttp http = new HeraldHttp(port);
        String publisher = TestTokens.publisher("*");
        Map<String, String> auth = Map.of("Authorization", "Bearer " + TestTokens.user("lena"));
        long openedAt = System.nanoTime();
        SseStream first = SseStream.open(http.subscribeUri("topic", "lifetime"), auth);
        http.publishOk(publisher, "{\"topics\": [\"lifetime\"], \"data\": \"before the end\"}");

        await().atMost(Duration.ofSeconds(6)).until(first::hasEnded);
        assertThat(Duration.ofNanos(System.nanoTime() - openedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(first.data()).containsExactly("before the end");
        assertThat(first.rawText()).endsWith("retry: 500\n\n");
        assertThat(observer.causeFor("lena")).hasValue(CloseCause.LIFETIME);

        http.publishOk(publisher, "{\"topics\": [\"lifetime\"], \"data\": \"while reconnecting\"}");
        Map<String, String> resume = Map.of("Authorization", auth.get("Authorization"), "Last-Event-ID", first.lastEventId());
        SseStream second = SseStream.open(http.subscribeUri("topic", "lifetime"), resume);
        await().untilAsserted(() -> assertThat(second.data()).containsExactly("while reconnecting"));

        // the second stream's lifetime ends too, without the client doing anything
        await().atMost(Duration.ofSeconds(6)).until(second::hasEnded);
        await().until(() -> hub.connectionCount() == 0);
    }
}
