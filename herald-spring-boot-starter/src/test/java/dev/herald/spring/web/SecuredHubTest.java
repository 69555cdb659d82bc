package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.log.EventLog;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.SwitchableEventLog;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpResponse;
import tools.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * A hub with the starter's defaults for access (no anonymous subscribers) and an application's own
 * {@link EventLog} bean, which the starter uses instead of its memory log; publishing while that log
 * is down answers 503.
 */
@SpringBootTest(classes = {TestApplication.class, SecuredHubTest.OwnLog.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "herald.security.jwt.secret=" + TestTokens.SECRET)
class SecuredHubTest {

    @TestConfiguration
    static class OwnLog {
        @Bean
        SwitchableEventLog switchableEventLog() {
            return new SwitchableEventLog();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    SwitchableEventLog log;
    HeraldHttp http;

    @BeforeEach
    void setUp() {
        http = new HeraldHttp(port);
    }

    @AfterEach
    void storeBackUp() {
        log.setDown(false);
    }

    @Test
    void subscribingWithoutTokenIs401WhenAnonymousIsOff() {
        HttpResponse<String> response = http.get("/api/subscribe?topic=news", Map.of());

        assertThat(assertProblem(response, 401)).startsWith("no token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"herald\"");
    }

    @Test
    void subscribingWithTokenWorksAndUsesTheApplicationsLog() {
        try (SseStream stream = SseStream.open(http.subscribeUri("topic", "news"),
                Map.of("Authorization", "Bearer " + TestTokens.user("sam")))) {
            http.publishOk(TestTokens.publisher("*"), "{\"topics\": [\"news\"], \"data\": \"via the own log\"}");

            await().untilAsserted(() -> assertThat(stream.data()).containsExactly("via the own log"));
        }
    }

    @Test
    void publishingWhileTheLogIsDownIs503WithRetryAfter() {
        log.setDown(true);

        HttpResponse<String> response = http.publish(TestTokens.publisher("*"), "{\"topics\": [\"news\"], \"data\": \"x\"}");

        assertThat(assertProblem(response, 503)).contains("event log is unavailable").contains("not stored");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aBatchCutShortByTheLogSaysWhichEventsWereStored() {
        try (SseStream stream = SseStream.open(http.subscribeUri("topic", "outage"),
                Map.of("Authorization", "Bearer " + TestTokens.user("sam")))) {
            log.downAfter(2);

            HttpResponse<String> response = http.publishBatch(TestTokens.publisher("*"), "{\"events\": ["
                    + "{\"topics\": [\"outage\"], \"id\": \"b1\", \"data\": \"1\"},"
                    + "{\"topics\": [\"outage\"], \"id\": \"b2\", \"data\": \"2\"},"
                    + "{\"topics\": [\"outage\"], \"id\": \"b3\", \"data\": \"3\"},"
                    + "{\"topics\": [\"outage\"], \"id\": \"b4\", \"data\": \"4\"}]}");

            assertThat(assertProblem(response, 503)).startsWith("events[2]: the event log is unavailable")
                    .contains("events[0..1] were stored").contains("events[2] and those after it were not");
            assertThat(JsonMapper.shared().readTree(response.body()).get("stored").toString()).isEqualTo("[\"b1\",\"b2\"]");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            await().untilAsserted(() -> assertThat(stream.data()).containsExactly("1", "2"));

            log.setDown(false);
            HttpResponse<String> rest = http.publishBatch(TestTokens.publisher("*"), "{\"events\": ["
                    + "{\"topics\": [\"outage\"], \"id\": \"b3\", \"data\": \"3\"},"
                    + "{\"topics\": [\"outage\"], \"id\": \"b4\", \"data\": \"4\"}]}");
            assertThat(rest.statusCode()).isEqualTo(201);
            await().untilAsserted(() -> assertThat(stream.data()).containsExactly("1", "2", "3", "4"));
        }
    }
}
