package dev.herald.redis.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SseStream;
import dev.herald.redis.testing.RedisServer;
import dev.herald.redis.testing.TestLogs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/subscriptions} on a hub of several nodes on one Redis: a stream on any node is
 * listed from every node, with its node; a stream that closes leaves every node's list; a node
 * killed with {@code kill -9} (a JVM of its own) leaves the lists within the presence TTL.
 */
class PresenceAcrossNodesTest {

    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration LAG = Duration.ofSeconds(10);
    private static final String WATCHER = Tokens.subscriber("watcher", "*");

    private static RedisServer redis;
    private static String prefix;
    private static HubNode a;
    private static HubNode b;

    @TempDir
    static Path logs;

    @BeforeAll
    static void startNodes() {
        redis = RedisServer.start();
        prefix = TestLogs.freshPrefix();
        a = HubNode.start("a", redis.url(), prefix, "herald.redis.presence-ttl=" + TTL.toMillis() + "ms");
        b = HubNode.start("b", redis.url(), prefix, "herald.redis.presence-ttl=" + TTL.toMillis() + "ms");
    }

    @AfterAll
    static void stopNodes() {
        for (HubNode node : new HubNode[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aStreamOnEachNodeIsListedFromEitherNodeWithItsNode() {
        SseStream alice = a.subscribe(Tokens.subscriber("alice"), "rooms/1");
        SseStream bob = b.subscribe(Tokens.subscriber("bob"), "rooms/1");
        assertThat(alice.status()).isEqualTo(200);
        assertThat(bob.status()).isEqualTo(200);

        for (HubNode node : List.of(a, b)) {
            Awaitility.await().atMost(LAG).until(() -> users(node, "/api/subscriptions?topic=rooms/1", WATCHER).size() == 2);
            JsonNode listed = list(node, "/api/subscriptions?topic=rooms/1", WATCHER);
            assertThat(listed.findValuesAsString("user")).containsExactlyInAnyOrder("alice", "bob");
            assertThat(listed.findValuesAsString("node")).containsExactlyInAnyOrder("a", "b");
            for (JsonNode subscription : listed) {
                String user = subscription.get("user").asString();
                assertThat(subscription.get("node").asString()).isEqualTo(user.equals("alice") ? "a" : "b");
                assertThat(subscription.get("topics").values().stream().map(JsonNode::asString).toList())
                        .containsExactlyInAnyOrder("rooms/1", "users/" + user);
                assertThat(subscription.get("since").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            }
        }

        // a narrower grant sees the same streams from the other node, with only the topics it covers
        String roomWatcher = Tokens.subscriber("room-watcher", "rooms/{id}");
        JsonNode narrow = list(a, "/api/subscriptions?topic=rooms/1", roomWatcher);
        assertThat(narrow).hasSize(2);
        for (JsonNode subscription : narrow) {
            assertThat(subscription.get("topics").values().stream().map(JsonNode::asString).toList()).containsExactly("rooms/1");
        }
        // a grant that covers none of them sees nothing, a token without grants is refused, no token too
        assertThat(list(b, "/api/subscriptions", Tokens.subscriber("other", "rooms/2"))).isEmpty();
        assertThat(a.get("/api/subscriptions", Tokens.subscriber("nobody")).status()).isEqualTo(403);
        assertThat(HubNode.get(b.port(), "/api/subscriptions", null).status()).isEqualTo(401);
        alice.close();
        bob.close();
    }

    @Test
    void aClosedStreamLeavesTheListOfEveryNode() {
        SseStream carol = b.subscribe(Tokens.subscriber("carol"), "rooms/closing");
        Awaitility.await().atMost(LAG).until(() -> users(a, "/api/subscriptions?topic=rooms/closing", WATCHER).equals(List.of("carol")));

        carol.close();

        // B notices at its next write (a heartbeat at the latest), then A no longer sees it either
        Awaitility.await().atMost(LAG).until(() -> users(b, "/api/subscriptions?topic=rooms/closing", WATCHER).isEmpty());
        Awaitility.await().atMost(LAG).until(() -> users(a, "/api/subscriptions?topic=rooms/closing", WATCHER).isEmpty());
    }

    @Test
    void aKilledNodesStreamsLeaveTheListWithinTheTtl() throws Exception {
        Path childLog = logs.resolve("node-c.log");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), HubNodeMain.class.getName(),
                "c", redis.url(), prefix, "herald.redis.presence-ttl=" + TTL.toMillis() + "ms")
                .redirectError(childLog.toFile())
                .start();
        try {
            int port = awaitPort(child, childLog);
            SseStream dora = HubNode.subscribeAt(port, Tokens.subscriber("dora"), "rooms/doomed", Map.of());
            assertThat(dora.status()).isEqualTo(200);
            Awaitility.await().atMost(LAG).until(() -> users(a, "/api/subscriptions?topic=rooms/doomed", WATCHER).equals(List.of("dora")));
            assertThat(list(b, "/api/subscriptions?topic=rooms/doomed", WATCHER).findValuesAsString("node")).containsExactly("c");

            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();

            Awaitility.await().atMost(TTL.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> users(a, "/api/subscriptions?topic=rooms/doomed", WATCHER).isEmpty()
                            && users(b, "/api/subscriptions?topic=rooms/doomed", WATCHER).isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(TTL.plusSeconds(2));
            dora.close();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void whileRedisIsDownTheListAnswers503AndARedisBackWithoutDataIsRefilled() {
        SseStream erin = a.subscribe(Tokens.subscriber("erin"), "rooms/outage");
        Awaitility.await().atMost(LAG).until(() -> users(b, "/api/subscriptions?topic=rooms/outage", WATCHER).equals(List.of("erin")));

        redis.stop();
        HubNode.Answer down = b.get("/api/subscriptions?topic=rooms/outage", WATCHER);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("retry later");

        // Redis comes back empty: node A notices its entries are gone and writes them again
        redis.startAgain();
        Awaitility.await().atMost(LAG).pollInterval(Duration.ofMillis(100)).until(() -> {
            HubNode.Answer answer = b.get("/api/subscriptions?topic=rooms/outage", WATCHER);
            return answer.status() == 200 && answer.body().contains("\"erin\"");
        });
        assertThat(erin.status()).isEqualTo(200);
        erin.close();
    }

    private static int awaitPort(Process child, Path childLog) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("port ")) {
                // keep reading what it prints, so that a full pipe never stalls it
                Thread.ofVirtual().start(() -> out.lines().forEach(ignored -> { }));
                return Integer.parseInt(line.substring(5).strip());
            }
        }
        throw new IllegalStateException("node c exited before serving:\n" + Files.readString(childLog));
    }

    private static JsonNode list(HubNode node, String pathAndQuery, String token) {
        HubNode.Answer answer = node.get(pathAndQuery, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(answer.body()).get("subscriptions");
    }

    private static List<String> users(HubNode node, String pathAndQuery, String token) {
        List<String> users = new ArrayList<>();
        list(node, pathAndQuery, token).forEach(subscription -> users.add(subscription.get("user").asString()));
        return users;
    }
}
