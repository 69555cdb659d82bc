package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.presence.SubscriptionEvents;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code herald.presence.events=true} over HTTP: a watcher granted {@code subscriptions/rooms/{id}}
 * hears a subscriber of {@code rooms/1} come and go, one private event per topic; a subscriber of
 * the same topic without that grant hears nothing.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.security.jwt.secret=" + TestTokens.SECRET, "herald.security.anonymous=true",
                "herald.heartbeat=200ms", "herald.node=hub-7", "herald.presence.events=true"})
class SubscriptionEventsTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    @Autowired
    SubscriptionEvents events;

    @Test
    void aWatcherGrantedTheSubscriptionsTopicHearsSubscribersComeAndGo() {
        HeraldHttp http = new HeraldHttp(port);
        Instant before = Instant.now().minusSeconds(1);
        try (SseStream watcher = SseStream.open(http.subscribeUri("topic", "subscriptions/rooms/1",
                     "access_token", TestTokens.user("watcher", "subscriptions/rooms/{id}")));
             SseStream outsider = SseStream.open(http.subscribeUri("topic", "subscriptions/rooms/1",
                     "access_token", TestTokens.user("outsider", "rooms/{id}")));
             SseStream anonymous = SseStream.open(http.subscribeUri("topic", "subscriptions/rooms/1"))) {
            assertThat(List.of(watcher.status(), outsider.status(), anonymous.status())).containsOnly(200);

            SseStream alice = SseStream.open(http.subscribeUri("topic", "rooms/1", "topic", "rooms/2",
                    "access_token", TestTokens.user("alice")));
            assertThat(alice.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> changes(watcher).size() == 1);
            JsonNode joined = changes(watcher).getFirst();
            assertThat(joined.get("user").asString()).isEqualTo("alice");
            assertThat(joined.get("node").asString()).isEqualTo("hub-7");
            assertThat(joined.get("active").asBoolean()).isTrue();
            assertThat(joined.get("topics").valueStream().map(JsonNode::asString).toList()).containsExactly("rooms/1");
            assertThat(Instant.parse(joined.get("since").asString())).isAfter(before);
            String streamId = joined.get("id").asString();

            alice.close();
            // the hub notices at its next write (a heartbeat at the latest)
            await().atMost(Duration.ofSeconds(10)).until(() -> changes(watcher).size() == 2);
            JsonNode left = changes(watcher).get(1);
            assertThat(left.get("active").asBoolean()).isFalse();
            assertThat(left.get("id").asString()).isEqualTo(streamId);
            assertThat(left.get("user").asString()).isEqualTo("alice");

            // private: the same topic without a grant on it gets nothing (its heartbeats show it is alive)
            await().atMost(Duration.ofSeconds(5)).until(() -> outsider.comments().size() >= 2 && anonymous.comments().size() >= 2);
            assertThat(outsider.events()).isEmpty();
            assertThat(anonymous.events()).isEmpty();
            assertThat(events.lost()).isZero();
        }
    }

    private static List<JsonNode> changes(SseStream client) {
        return client.events().stream()
                .peek(event -> assertThat(event.type()).isEqualTo("herald.subscription"))
                .map(SseEvent::data).map(JSON::readTree).toList();
    }
}
