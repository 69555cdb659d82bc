package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.spring.security.TokenGrants;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scrapes {@code /actuator/prometheus} on the main port, as Prometheus would, and watches Herald's
 * meters move as streams open, events flow, streams resume and streams end by cause.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.security.jwt.secret=" + ServerTokens.SECRET, "herald.store.type=memory",
                // the expiry case below waits for exp itself, not for the default 30 s of leeway
                "herald.security.jwt.clock-skew=0s",
                "herald.security.anonymous=true", "herald.heartbeat=200ms", "herald.node=" + MetricsEndpointTest.NODE,
                // small, so that the log's trims show
                "herald.store.max-events=3"})
@ExtendWith(OutputCaptureExtension.class)
class MetricsEndpointTest {

    static final String NODE = "metrics-1";

    @LocalServerPort
    int port;

    private ServerHttp http() {
        return new ServerHttp(port);
    }

    /** Every Herald series carries the node label, among the meter's own (Prometheus writes them sorted by name). */
    private static String onNode(String series) {
        int brace = series.indexOf('{');
        List<String> labels = new ArrayList<>();
        labels.add("node=\"" + NODE + "\"");
        if (brace >= 0) {
            labels.addAll(List.of(series.substring(brace + 1, series.length() - 1).split(",")));
        }
        labels.sort(null);
        return (brace < 0 ? series : series.substring(0, brace)) + "{" + String.join(",", labels) + "}";
    }

    private double scrape(String series) {
        HttpResponse<String> response = http().get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(onNode(series)) + " ([0-9.eE+-]+|NaN)$").matcher(response.body());
        assertThat(matcher.find()).as("series %s in the scrape", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void theScrapeIsPrometheusTextWithEveryHeraldMeter() {
        HttpResponse<String> response = http().get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).contains("# TYPE herald_connections gauge", "# TYPE herald_log_size gauge",
                "# TYPE herald_log_trimmed_total counter", "herald_delivery_latency_seconds_bucket", "jvm_memory_used_bytes");
        for (String series : new String[] {"herald_connections", "herald_subscribes_total",
                "herald_disconnects_total{cause=\"client-gone\"}", "herald_disconnects_total{cause=\"slow-consumer\"}",
                "herald_disconnects_total{cause=\"lifetime\"}", "herald_disconnects_total{cause=\"token-expired\"}",
                "herald_disconnects_total{cause=\"error\"}", "herald_disconnects_total{cause=\"shutdown\"}",
                "herald_events_published_total", "herald_events_delivered_total", "herald_events_replayed_total",
                "herald_resets_total{reason=\"expired\"}", "herald_delivery_latency_seconds_count",
                "herald_outbox_frames", "herald_outbox_frames_max", "herald_dispatch_backlog", "herald_log_size",
                "herald_log_trimmed_total"}) {
            assertThat(response.body()).contains(onNode(series) + " ");
        }
        assertThat(response.body()).contains(onNode("herald_draining") + " 0");
    }

    @Test
    void countersMoveAsStreamsOpenEventsFlowAndStreamsEnd(CapturedOutput output) {
        ServerHttp http = http();
        double opened = scrape("herald_subscribes_total");
        double published = scrape("herald_events_published_total");
        double delivered = scrape("herald_events_delivered_total");
        double replayed = scrape("herald_events_replayed_total");
        double clientGone = scrape("herald_disconnects_total{cause=\"client-gone\"}");
        double tokenExpired = scrape("herald_disconnects_total{cause=\"token-expired\"}");
        double resetsUnknown = scrape("herald_resets_total{reason=\"unknown\"}");
        double latencyCount = scrape("herald_delivery_latency_seconds_count");

        String first;
        try (SseStream a = http.stream("/api/subscribe?topic=metrics");
             SseStream b = http.stream("/api/subscribe?topic=metrics")) {
            assertThat(scrape("herald_connections")).isGreaterThanOrEqualTo(2);
            assertThat(scrape("herald_subscribes_total")).isEqualTo(opened + 2);

            first = publishedId(http.publish(ServerTokens.publisher(), "{\"topics\": [\"metrics\"], \"data\": \"one\"}"));
            http.publish(ServerTokens.publisher(), "{\"topics\": [\"metrics\"], \"data\": \"two\"}");
            await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(a.data()).containsExactly("one", "two");
                assertThat(b.data()).containsExactly("one", "two");
            });
            assertThat(scrape("herald_events_published_total")).isEqualTo(published + 2);
            await().pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(scrape("herald_events_delivered_total")).isEqualTo(delivered + 4));
            // the timer records one in eight deliveries: at most one of these four
            assertThat(scrape("herald_delivery_latency_seconds_count")).isBetween(latencyCount, latencyCount + 1);
        }
        // the client went away: the next heartbeat's write fails
        await().pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(scrape("herald_disconnects_total{cause=\"client-gone\"}")).isEqualTo(clientGone + 2));

        // resuming after the first event replays the second
        try (SseStream resumed = http.stream("/api/subscribe?topic=metrics", Map.of("Last-Event-ID", first));
             SseStream unknown = http.stream("/api/subscribe?topic=metrics", Map.of("Last-Event-ID", "no-such-id"))) {
            await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(resumed.data()).containsExactly("two");
                assertThat(scrape("herald_events_replayed_total")).isEqualTo(replayed + 1);
                assertThat(scrape("herald_resets_total{reason=\"unknown\"}")).isEqualTo(resetsUnknown + 1);
            });
        }

        // a token that expires ends its stream
        String shortLived = ServerTokens.token("dana", TokenGrants.NONE, Duration.ofSeconds(3));
        // (exp is in whole seconds: 3s leaves it valid for at least 2s, enough to open the stream)
        try (SseStream expiring = http.stream("/api/subscribe?access_token=" + shortLived)) {
            assertThat(expiring.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    assertThat(scrape("herald_disconnects_total{cause=\"token-expired\"}")).isEqualTo(tokenExpired + 1));
            assertThat(expiring.ended()).isCompleted();
        }

        // one line per open and close, with user, topics and cause; clients that went away leave no stack trace
        assertThat(output.getAll())
                .containsPattern("stream \\d+ opened: user=anonymous topics=\\[metrics\\] from=127\\.0\\.0\\.1 node=metrics-1")
                .containsPattern("stream \\d+ closed: user=anonymous topics=\\[metrics\\] cause=client-gone after \\d+s")
                .containsPattern("stream \\d+ closed: user=dana topics=\\[users/dana\\] cause=token-expired after \\d+s")
                .doesNotContainPattern("(?m)^\\s+at [a-z]")
                .doesNotContain("Broken pipe", "EofException", "AsyncRequestNotUsableException");
    }

    @Test
    void theLogsSizeAndTrimsFollowTheStoreAndItsRetention() {
        ServerHttp http = http();
        double size = scrape("herald_log_size");
        double trimmed = scrape("herald_log_trimmed_total");
        assertThat(size).isBetween(0.0, 3.0);
        for (int i = 0; i < 5; i++) {
            assertThat(http.publish(ServerTokens.publisher(), "{\"topics\": [\"log-meters\"], \"data\": \"" + i + "\"}")
                    .statusCode()).isEqualTo(201);
        }
        // max-events=3: the log holds 3, and what it held before plus 5 minus 3 went
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(scrape("herald_log_size")).isEqualTo(3.0);
            assertThat(scrape("herald_log_trimmed_total")).isEqualTo(trimmed + size + 5 - 3);
        });
    }

    @Test
    void subscribeRequestsAreTimedUnderTheirRoute() {
        ServerHttp http = http();
        // anonymous without a topic: refused with a 400 problem by the stream servlet, outside Spring MVC
        assertThat(http.get("/api/subscribe").statusCode()).isEqualTo(400);

        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*status=\"400\"[^}]*"
                + "uri=\"/api/subscribe\"[^}]*\\} [1-9]");
    }

    @Test
    void aStreamRefusedByAFilterBeforeTheServletIsTimedToo() {
        ServerHttp http = http();
        // the query length filter answers 414 before the stream servlet is reached
        assertThat(http.get("/api/subscribe?topic=" + "t".repeat(5000)).statusCode()).isEqualTo(414);

        assertThat(http.get("/actuator/prometheus").body()).containsPattern(
                "(?m)^http_server_requests_seconds_count\\{[^}]*status=\"414\"[^}]*uri=\"/api/subscribe\"[^}]*\\} [1-9]");
    }

    @Test
    void anAcceptedStreamIsTimedForItsHandshakeNotItsLife() {
        ServerHttp http = http();
        try (SseStream stream = http.stream("/api/subscribe?topic=handshake")) {
            // recorded while the stream is still open: the handshake ended with the stream's head
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.get("/actuator/prometheus").body())
                    .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*"
                            + "uri=\"/api/subscribe\"[^}]*\\} [1-9]"));
            // and no longer active: a live stream holds no observation
            assertThat(http.get("/actuator/prometheus").body())
                    .doesNotContainPattern("(?m)^http_server_requests_active_seconds_active_count\\{[^}]*"
                            + "uri=\"/api/subscribe\"[^}]*\\} [1-9]");
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.hasEnded()).isFalse();
        }
    }

    @Test
    void publishRequestsAreTimedUnderTheirRoute() {
        ServerHttp http = http();
        // refused with a 400 problem by the publish servlet, outside Spring MVC; one accepted
        assertThat(http.publish(ServerTokens.publisher(), "{\"topics\": [\"timed\"]}").statusCode()).isEqualTo(400);
        assertThat(http.publish(ServerTokens.publisher(), "{\"topics\": [\"timed\"], \"data\": 1}").statusCode()).isEqualTo(201);

        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"400\"[^}]*"
                + "uri=\"/api/events\"[^}]*\\} [1-9]");
        assertThat(scrape).containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*status=\"201\"[^}]*"
                + "uri=\"/api/events\"[^}]*\\} [1-9]");
    }

    private static String publishedId(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(201);
        Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
