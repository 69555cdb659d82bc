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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/subscriptions}: lists live subscribers within the caller's grants, and forgets them when they leave. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.security.jwt.secret=" + TestTokens.SECRET, "herald.security.anonymous=true",
                "herald.heartbeat=200ms", "herald.node=hub-1"})
class SubscriptionsEndpointTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;

    private HttpResponse<String> list(String token, String query) {
        return new HeraldHttp(port).get("/api/subscriptions" + query,
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static JsonNode subscriptions(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body()).get("subscriptions");
    }

    private static List<String> users(JsonNode subscriptions) {
        return subscriptions.valueStream().map(s -> s.get("user").isNull() ? "anonymous" : s.get("user").asString()).sorted().toList();
    }

    @Test
    void listsSubscribersWithinTheCallersGrantsAndForgetsThemWhenTheyLeave() {
        HeraldHttp http = new HeraldHttp(port);
        String admin = TestTokens.user("admin", "*");
        String roomWatcher = TestTokens.user("watcher", "rooms/{id}");
        Instant before = Instant.now().minusSeconds(1);
        try (SseStream alice = SseStream.open(http.subscribeUri("topic", "rooms/1", "access_token", TestTokens.user("alice")));
             SseStream bob = SseStream.open(http.subscribeUri("topic", "rooms/2", "topic", "secret/plans",
                     "access_token", TestTokens.user("bob")));
             SseStream anonymous = SseStream.open(http.subscribeUri("topic", "news"))) {
            assertThat(List.of(alice.status(), bob.status(), anonymous.status())).containsOnly(200);

            JsonNode all = subscriptions(list(admin, ""));
            assertThat(users(all)).containsExactly("alice", "anonymous", "bob");
            JsonNode bobsEntry = all.valueStream().filter(s -> "bob".equals(s.get("user").asString(null))).findFirst().orElseThrow();
            assertThat(bobsEntry.get("id").asString()).isNotBlank();
            assertThat(all.valueStream().map(s -> s.get("node").asString()).distinct().toList()).containsExactly("hub-1");
            assertThat(bobsEntry.get("topics").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("rooms/2", "secret/plans", "users/bob");
            assertThat(Instant.parse(bobsEntry.get("since").asString())).isAfter(before).isBeforeOrEqualTo(Instant.now());

            // a room watcher sees the room subscriptions, and only their room topics
            JsonNode rooms = subscriptions(list(roomWatcher, ""));
            assertThat(users(rooms)).containsExactly("alice", "bob");
            assertThat(rooms.valueStream().flatMap(s -> s.get("topics").valueStream()).map(JsonNode::asString).sorted().toList())
                    .containsExactly("rooms/1", "rooms/2");

            // by topic
            assertThat(users(subscriptions(list(roomWatcher, "?topic=rooms/1")))).containsExactly("alice");
            assertThat(users(subscriptions(list(admin, "?topic=news")))).containsExactly("anonymous");
            assertThat(subscriptions(list(admin, "?topic=nobody-here"))).isEmpty();

            bob.close();
            await().pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                    assertThat(users(subscriptions(list(admin, "")))).containsExactly("alice", "anonymous"));
        }
    }

    @Test
    void refusesCallersWithoutTokenOrGrant() {
        assertProblem(list(null, ""), 401);
        assertThat(assertProblem(list(TestTokens.user("carol"), ""), 403)).contains("herald.subscribe");
        assertThat(assertProblem(list(TestTokens.user("watcher", "rooms/{id}"), "?topic=secret/plans"), 403))
                .contains("secret/plans");
        assertThat(assertProblem(list(TestTokens.user("admin", "*"), "?topic="), 400)).contains("topic");
        assertThat(assertProblem(list(TestTokens.user("admin", "*"), "?topic=a&topic=b"), 400)).contains("topic");
        assertProblem(list("not-a-token", ""), 401);
    }
}
