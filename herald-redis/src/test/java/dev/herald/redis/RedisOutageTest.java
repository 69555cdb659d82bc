package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.core.log.ReadResult;
import dev.herald.core.topic.Topic;
import dev.herald.redis.testing.Publishing;
import dev.herald.redis.testing.RedisServer;
import dev.herald.redis.testing.TestLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away and comes back with its data: a restart with AOF, clients killed, a frozen server.
 * Followers on both nodes carry on after the last entry they handed over: nothing lost, nothing twice.
 */
class RedisOutageTest {

    private static final Duration RECOVERY = Duration.ofSeconds(20);

    static Publication news(String data) {
        return Publication.of(List.of(Topic.of("news")), data);
    }

    static Publication news(String id, String data) {
        return news(data).withId(EventId.of(id));
    }

    @Test
    void aRestartWithPersistenceLosesNothingAndRepeatsNothing() throws Exception {
        try (RedisServer server = RedisServer.persistent()) {
            String prefix = TestLogs.freshPrefix();
            try (RedisEventLog a = new RedisEventLog(TestLogs.settings(server.url(), prefix));
                 RedisEventLog b = new RedisEventLog(TestLogs.settings(server.url(), prefix))) {
                List<Event> onA = new CopyOnWriteArrayList<>();
                List<Event> onB = new CopyOnWriteArrayList<>();
                a.follow(onA::add);
                b.follow(onB::add);
                List<String> expected = new ArrayList<>();
                Event beforeRestart = null;
                for (int i = 0; i < 10; i++) {
                    beforeRestart = a.append(news("before-" + i));
                    expected.add("before-" + i);
                }
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() >= 10);

                server.stop();

                long started = System.nanoTime();
                assertThatThrownBy(() -> a.append(news("while down"))).isInstanceOf(LogUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !a.health().state().commandsUp()
                        && !b.health().state().followerUp());
                assertThat(b.health().state().lastError()).isPresent();
                started = System.nanoTime();
                assertThatThrownBy(() -> b.append(news("still down"))).isInstanceOf(LogUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

                server.startAgain();

                for (int i = 0; i < 10; i++) {
                    Publishing.appendUntilStored(i % 2 == 0 ? a : b, news("after-" + i, "after-" + i), RECOVERY);
                    expected.add("after-" + i);
                }
                Awaitility.await().atMost(RECOVERY).until(() -> onA.size() >= 20 && onB.size() >= 20);
                Thread.sleep(300);
                assertThat(onA).extracting(Event::data).containsExactlyElementsOf(expected);
                assertThat(onB).containsExactlyElementsOf(onA);
                assertStrictlyIncreasing(onB);

                ReadResult.Found replay = (ReadResult.Found) b.readAfter(beforeRestart.id(), 100);
                assertThat(replay.events()).extracting(Event::data)
                        .containsExactlyElementsOf(expected.subList(10, 20));
                Awaitility.await().atMost(RECOVERY).until(() -> a.health().state().up() && b.health().state().up());
                assertThat(b.health().state().lostEvents()).isZero();
            }
        }
    }

    @Test
    void killedConnectionsAreReplacedWhilePublishersKeepGoing() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            String prefix = TestLogs.freshPrefix();
            try (RedisEventLog a = new RedisEventLog(TestLogs.settings(server.url(), prefix));
                 RedisEventLog b = new RedisEventLog(TestLogs.settings(server.url(), prefix))) {
                List<Event> onB = new CopyOnWriteArrayList<>();
                b.follow(onB::add);
                AtomicBoolean publishing = new AtomicBoolean(true);
                List<String> expected = new CopyOnWriteArrayList<>();
                Thread publisher = Thread.ofPlatform().start(() -> {
                    for (int i = 0; publishing.get() || i < 100; i++) {
                        Publishing.appendUntilStored(a, news("p-" + i, "p-" + i), RECOVERY);
                        expected.add("p-" + i);
                    }
                });
                for (int kill = 0; kill < 3; kill++) {
                    Thread.sleep(150);
                    // every client of the server: both command connections and the follower's
                    assertThat(server.command("CLIENT KILL TYPE normal")).startsWith(":");
                }
                publishing.set(false);
                publisher.join(RECOVERY.toMillis());
                assertThat(publisher.isAlive()).isFalse();
                Awaitility.await().atMost(RECOVERY).until(() -> onB.size() >= expected.size());
                Thread.sleep(300);
                assertThat(onB).extracting(Event::data).containsExactlyElementsOf(expected);
                assertStrictlyIncreasing(onB);
            }
        }
    }

    @Test
    void aFrozenServerTimesAppendsOutInsteadOfHangingThem() {
        try (RedisServer server = RedisServer.start();
             RedisEventLog a = new RedisEventLog(TestLogs.settings(server.url(), TestLogs.freshPrefix()))) {
            a.append(news("warm-up"));
            server.pause();
            try {
                long started = System.nanoTime();
                assertThatThrownBy(() -> a.append(news("into the void"))).isInstanceOf(LogUnavailableException.class);
                // the test settings' timeout is one second
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(800), Duration.ofMillis(2500));
                assertThat(a.health().state().commandsUp()).isFalse();
            } finally {
                server.resume();
            }
            Publishing.appendUntilStored(a, news("thawed", "thawed"), RECOVERY);
            Awaitility.await().atMost(RECOVERY).until(() -> a.health().state().commandsUp());
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownFollowsOnceItIsUp() throws Exception {
        try (RedisServer server = RedisServer.notStarted();
             RedisEventLog a = new RedisEventLog(TestLogs.settings(server.url(), TestLogs.freshPrefix()))) {
            List<Event> onA = new CopyOnWriteArrayList<>();
            try (AutoCloseable following = a.follow(onA::add)) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> a.append(news("too early"))).isInstanceOf(LogUnavailableException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
                assertThat(a.health().state().up()).isFalse();

                server.startAgain();
                Publishing.appendUntilStored(a, news("first", "first"), RECOVERY);
                a.append(news("second"));
                Awaitility.await().atMost(RECOVERY).until(() -> onA.size() >= 2);
                Thread.sleep(300);
                assertThat(onA).extracting(Event::data).containsExactly("first", "second");
            }
        }
    }

    static void assertStrictlyIncreasing(List<Event> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).position().isAfter(events.get(i - 1).position()))
                    .as("event %d after event %d", i, i - 1).isTrue();
        }
    }
}
