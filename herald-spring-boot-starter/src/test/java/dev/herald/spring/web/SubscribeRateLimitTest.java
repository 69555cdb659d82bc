package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code herald.limits.subscribe-rate}: a burst of stream openings per address, then 429, while open streams go on. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.heartbeat=1s",
        "herald.limits.subscribe-burst=3",
        "herald.limits.subscribe-rate=0.2",
})
class SubscribeRateLimitTest {

    @LocalServerPort
    int port;

    @Test
    void openingsBeyondTheBurstAre429EvenBeforeTheTokenIsChecked() {
        HeraldHttp http = new HeraldHttp(port);
        try (SseStream watcher = SseStream.open(http.subscribeUri("topic", "news"),
                Map.of("Authorization", "Bearer " + TestTokens.user("watcher")))) {
            assertThat(watcher.status()).isEqualTo(200);
            assertThat(http.get("/api/subscribe?topic=news", Map.of("Authorization", "Bearer garbage")).statusCode()).isEqualTo(401);
            assertThat(http.get("/api/subscribe?topic=news", Map.of()).statusCode()).isEqualTo(401);

            HttpResponse<String> limited = http.get("/api/subscribe?topic=news", Map.of("Authorization", "Bearer garbage"));
            assertThat(assertProblem(limited, 429)).contains("too many subscribe requests from this address")
                    .contains("herald.limits.subscribe-rate");
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("5");

            http.publishOk(TestTokens.publisher("*"), "{\"topics\": [\"news\"], \"data\": \"still flowing\"}");
            await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(watcher.data()).contains("still flowing"));
        }
    }
}
