package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.PartialAppendException;
import dev.herald.core.log.ReadResult;
import dev.herald.core.topic.Topic;
import dev.herald.redis.testing.RedisServerExtension;
import dev.herald.redis.testing.TestLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes, A and B, on one Redis: one log, seen the same way from both. */
class TwoNodesTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private RedisEventLog a;
    private RedisEventLog b;

    @BeforeEach
    void open() {
        String prefix = TestLogs.freshPrefix();
        a = new RedisEventLog(TestLogs.settings(redis.url(), prefix));
        b = new RedisEventLog(TestLogs.settings(redis.url(), prefix));
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    static Publication news(String data) {
        return Publication.of(List.of(Topic.of("news")), data);
    }

    @Test
    void anAppendOnAReachesTheFollowerOfBOnceInOrder() throws Exception {
        List<Event> onB = new CopyOnWriteArrayList<>();
        List<Event> appended = new ArrayList<>();
        try (AutoCloseable following = b.follow(onB::add)) {
            for (int i = 0; i < 50; i++) {
                appended.add(a.append(news("e" + i)));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() >= 50);
            // a second look, a few block times later: nothing arrives twice
            Thread.sleep(300);
        }
        assertThat(onB).containsExactlyElementsOf(appended);
    }

    @Test
    void bothNodesFollowTheSameOrderWhenBothPublish() throws Exception {
        List<Event> onA = new CopyOnWriteArrayList<>();
        List<Event> onB = new CopyOnWriteArrayList<>();
        ExecutorService publishers = Executors.newFixedThreadPool(2);
        try (AutoCloseable followA = a.follow(onA::add); AutoCloseable followB = b.follow(onB::add)) {
            Future<List<Event>> fromA = publishers.submit(() -> publish(a, "a", 40));
            Future<List<Event>> fromB = publishers.submit(() -> publish(b, "b", 40));
            List<Event> all = new ArrayList<>(fromA.get(30, TimeUnit.SECONDS));
            all.addAll(fromB.get(30, TimeUnit.SECONDS));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onA.size() >= 80 && onB.size() >= 80);
            Thread.sleep(300);
            assertThat(onA).containsExactlyElementsOf(onB);
            assertThat(onA).containsExactlyInAnyOrderElementsOf(all);
            for (int i = 1; i < onA.size(); i++) {
                assertThat(onA.get(i).position().isAfter(onA.get(i - 1).position())).isTrue();
            }
        } finally {
            publishers.shutdownNow();
        }
    }

    @Test
    void bReplaysAfterIdsThatAIssued() {
        Event first = a.append(news("1"));
        Event custom = a.append(news("2").withId(EventId.of("order-7")));
        Event third = a.append(news("3"));

        ReadResult.Found afterFirst = (ReadResult.Found) b.readAfter(first.id(), 10);
        assertThat(afterFirst.events()).containsExactly(custom, third);
        ReadResult.Found afterCustom = (ReadResult.Found) b.readAfter(EventId.of("order-7"), 10);
        assertThat(afterCustom.events()).containsExactly(third);
        assertThat(afterCustom.more()).isFalse();
    }

    @Test
    void aPublisherIdIsTakenOnceAcrossNodesEvenUnderARace() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RedisEventLog node = i % 2 == 0 ? a : b;
                String data = "attempt " + i;
                attempts.add(racers.submit(() -> {
                    try {
                        node.append(news(data).withId(EventId.of("once")));
                        return true;
                    } catch (DuplicateEventIdException taken) {
                        return false;
                    }
                }));
            }
            int stored = 0;
            for (Future<Boolean> attempt : attempts) {
                stored += attempt.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            racers.shutdownNow();
        }
        ReadResult.Found found = (ReadResult.Found) b.readAfter(EventId.of("once"), 10);
        assertThat(found.events()).isEmpty();
    }

    @Test
    void idsOfTheGeneratedShapeAreReservedForTheLog() {
        Event generated = a.append(news("generated"));
        assertThatThrownBy(() -> b.append(news("imitation").withId(generated.id())))
                .isInstanceOf(DuplicateEventIdException.class);
        assertThatThrownBy(() -> b.append(news("imitation").withId(EventId.of("abcdefgh-1795315810928-0"))))
                .isInstanceOf(DuplicateEventIdException.class);
        assertThat(((ReadResult.Found) b.readAfter(generated.id(), 10)).events()).isEmpty();
    }

    private static List<Event> publish(RedisEventLog node, String name, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(node.append(news(name + i)));
        }
        return events;
    }

    // a batch goes to Redis in script calls of at most RedisEventLog.MAX_BATCH events

    @Test
    void aBatchLargerThanOneScriptCallArrivesWholeAndInOrderOnTheOtherNode() throws Exception {
        Event before = a.append(news("before"));
        List<Event> onB = new CopyOnWriteArrayList<>();
        List<Publication> batch = IntStream.range(0, 2 * RedisEventLog.MAX_BATCH + 50)
                .mapToObj(i -> i % 7 == 0 ? news("e" + i).withId(EventId.of("own-" + i)) : news("e" + i)).toList();
        try (AutoCloseable following = b.follow(onB::add)) {
            List<Event> stored = a.appendAll(batch);

            assertThat(stored).extracting(Event::data).isEqualTo(batch.stream().map(Publication::data).toList());
            assertThat(stored.get(7).id()).isEqualTo(EventId.of("own-7"));
            for (int i = 1; i < stored.size(); i++) {
                assertThat(stored.get(i).position().isAfter(stored.get(i - 1).position())).isTrue();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() == stored.size());
            assertThat(onB).extracting(Event::id).isEqualTo(stored.stream().map(Event::id).toList());
            ReadResult.Found found = (ReadResult.Found) b.readAfter(before.id(), 1000);
            assertThat(found.events()).extracting(Event::id).isEqualTo(stored.stream().map(Event::id).toList());
        }
    }

    @Test
    void aTakenOrReservedIdStopsTheBatchThereAcrossScriptCalls() {
        a.append(news("taken").withId(EventId.of("taken")));
        List<Publication> batch = IntStream.range(0, RedisEventLog.MAX_BATCH + 10)
                .mapToObj(i -> i == RedisEventLog.MAX_BATCH + 5 ? news("dup").withId(EventId.of("taken")) : news("e" + i))
                .toList();

        assertThatThrownBy(() -> a.appendAll(batch)).isInstanceOfSatisfying(PartialAppendException.class, e -> {
            assertThat(e.stored()).hasSize(RedisEventLog.MAX_BATCH + 5);
            assertThat(e.refusal()).isInstanceOf(DuplicateEventIdException.class);
        });

        Event generated = a.append(news("generated"));
        assertThatThrownBy(() -> a.appendAll(List.of(news("x"), news("reserved").withId(generated.id()), news("y"))))
                .isInstanceOfSatisfying(PartialAppendException.class, e -> {
                    assertThat(e.stored()).extracting(Event::data).containsExactly("x");
                    assertThat(e.refusal()).isInstanceOf(DuplicateEventIdException.class);
                });
    }
}
