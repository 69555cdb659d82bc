package dev.herald.redis.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.SseEvent;
import dev.herald.core.log.EventLog;
import dev.herald.core.testing.SseStream;
import dev.herald.redis.RedisEventLog;
import dev.herald.redis.autoconfigure.RedisHealthIndicator;
import dev.herald.redis.testing.RedisServer;
import dev.herald.redis.testing.TestLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.health.contributor.Status;

/**
 * Three Herald nodes (Spring contexts on Jetty, random ports) on one Redis, as behind a load
 * balancer: what is published on any node reaches subscribers on every node, a client that moves
 * to another node resumes by {@code Last-Event-ID}, a Redis outage answers 503 and heals, and the
 * clients of a node that stops resume elsewhere. The last test stops node C, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodesHubTest {

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static RedisServer redis;
    private static HubNode a;
    private static HubNode b;
    private static HubNode c;

    @BeforeAll
    static void startNodes() {
        // AOF fsynced on every write, so that the outage test's restart keeps the log
        redis = RedisServer.persistent();
        String prefix = TestLogs.freshPrefix();
        a = HubNode.start("a", redis.url(), prefix);
        b = HubNode.start("b", redis.url(), prefix);
        c = HubNode.start("c", redis.url(), prefix);
    }

    @AfterAll
    static void stopNodes() {
        for (HubNode node : new HubNode[] {a, b, c}) {
            if (node != null) {
                node.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static String freshTopic() {
        return "news-" + TOPICS.incrementAndGet();
    }

    @Test
    @Order(1)
    void everyNodeRunsOnTheRedisLogAndTheStarterMemoryLogBacksOff() {
        for (HubNode node : List.of(a, b, c)) {
            assertThat(node.context().getBeansOfType(EventLog.class)).hasSize(1);
            assertThat(node.eventLog()).isInstanceOf(RedisEventLog.class);
            assertThat(node.context().getBean(RedisHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    @Order(2)
    void anEventPublishedOnAReachesSubscribersOnBAndC() {
        String topic = freshTopic();
        SseStream bob = b.subscribe(Tokens.subscriber("bob"), topic);
        SseStream carol = c.subscribe(Tokens.subscriber("carol"), topic);
        assertThat(bob.status()).isEqualTo(200);
        assertThat(carol.status()).isEqualTo(200);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(a.publishOk(topic, "e" + i));
        }
        String privateId = a.publish("{\"users\": [\"bob\"], \"data\": \"for bob only\"}").id();
        String last = b.publishOk(topic, "e5 from b");
        ids.add(last);

        Awaitility.await().atMost(DELIVERY).until(() -> carol.events().size() >= 6 && bob.events().size() >= 7);
        assertThat(carol.data()).containsExactly("e0", "e1", "e2", "e3", "e4", "e5 from b");
        assertThat(carol.ids()).containsExactlyElementsOf(ids);
        assertThat(bob.data()).containsExactly("e0", "e1", "e2", "e3", "e4", "for bob only", "e5 from b");
        assertThat(bob.ids()).contains(privateId);
    }

    @Test
    @Order(3)
    void aClientMovingFromBToCGetsExactlyTheEventsItMissed() {
        String topic = freshTopic();
        String token = Tokens.subscriber("dora");
        SseStream onB = b.subscribe(token, topic);
        a.publishOk(topic, "m1");
        String m2 = a.publishOk(topic, "m2");
        Awaitility.await().atMost(DELIVERY).until(() -> onB.events().size() >= 2);
        assertThat(onB.lastEventId()).isEqualTo(m2);
        onB.close();

        String m3 = a.publishOk(topic, "m3 while away");
        String m4 = c.publishOk(topic, "m4 while away");

        SseStream onC = c.subscribe(token, topic, Map.of("Last-Event-ID", onB.lastEventId()));
        String m5 = b.publishOk(topic, "m5 live");

        Awaitility.await().atMost(DELIVERY).until(() -> onC.events().size() >= 3);
        assertThat(onC.data()).containsExactly("m3 while away", "m4 while away", "m5 live");
        assertThat(onC.ids()).containsExactly(m3, m4, m5);
    }

    @Test
    @Order(4)
    void aPublishDuringARedisOutageAnswers503AndSucceedsOnceRedisIsBack() throws Exception {
        String topic = freshTopic();
        SseStream onC = c.subscribe(Tokens.subscriber("erin"), topic);
        a.publishOk(topic, "o1 before");
        Awaitility.await().atMost(DELIVERY).until(() -> onC.events().size() >= 1);

        redis.stop();
        long started = System.nanoTime();
        HubNode.Published refused = a.publish(HubNode.event(topic, "o refused"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        Awaitility.await().atMost(DELIVERY).until(() ->
                c.context().getBean(RedisHealthIndicator.class).health().getStatus().equals(Status.DOWN));

        redis.startAgain();
        // a careful publisher retries a 503 with its own id: a 409 means an earlier try was stored
        String retried = "{\"id\": \"o2-" + topic + "\", \"topics\": [\"" + topic + "\"], \"data\": \"o2 after\"}";
        Awaitility.await().atMost(DELIVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> List.of(201, 409).contains(a.publish(retried).status()));
        b.publishOk(topic, "o3 after");

        Awaitility.await().atMost(DELIVERY).until(() -> onC.events().size() >= 3);
        Thread.sleep(300);
        assertThat(onC.data()).containsExactly("o1 before", "o2 after", "o3 after");
        Awaitility.await().atMost(DELIVERY).until(() ->
                c.context().getBean(RedisHealthIndicator.class).health().getStatus().equals(Status.UP));
    }

    @Test
    @Order(5)
    void theClientsOfAStoppedNodeResumeOnAnother() {
        String topic = freshTopic();
        String token = Tokens.subscriber("fred");
        SseStream onC = c.subscribe(token, topic);
        a.publishOk(topic, "s1");
        Awaitility.await().atMost(DELIVERY).until(() -> onC.events().size() >= 1);

        c.close();
        Awaitility.await().atMost(DELIVERY).until(onC::hasEnded);

        a.publishOk(topic, "s2 while moving");
        b.publishOk(topic, "s3 while moving");
        SseStream onB = b.subscribe(token, topic, Map.of("Last-Event-ID", onC.lastEventId()));
        a.publishOk(topic, "s4 live");

        Awaitility.await().atMost(DELIVERY).until(() -> onB.events().size() >= 3);
        assertThat(onB.events()).extracting(SseEvent::data).containsExactly("s2 while moving", "s3 while moving", "s4 live");
        assertThat(onC.data()).containsExactly("s1");
    }
}
