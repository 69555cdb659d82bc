package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code herald.publish.request-metrics=false}: publishes are no longer timed as
 * {@code http.server.requests}, while the other requests still are and Herald's own counter of
 * published events still counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.security.jwt.secret=" + ServerTokens.SECRET, "herald.store.type=memory",
                "herald.security.anonymous=true", "herald.publish.request-metrics=false"})
class PublishRequestMetricsOffTest {

    @LocalServerPort
    int port;

    @Test
    void publishesAreCountedButNotTimedAsRequests() {
        ServerHttp http = new ServerHttp(port);
        assertThat(http.publish(ServerTokens.publisher(), "{\"topics\": [\"untimed\"], \"data\": 1}").statusCode()).isEqualTo(201);
        assertThat(http.publish(ServerTokens.publisher(), "{\"topics\": [\"untimed\"]}").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/subscribe").statusCode()).isEqualTo(400);

        String scrape = http.get("/actuator/prometheus").body();
        assertThat(scrape).doesNotContain("uri=\"/api/events\"");
        assertThat(scrape).containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/api/subscribe\"[^}]*\\} [1-9]");
        assertThat(scrape).containsPattern("(?m)^herald_events_published_total\\{[^}]*\\} 1\\.0$");
    }
}
