package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.ReadResult;
import dev.herald.core.log.ResetReason;
import dev.herald.core.topic.Topic;
import dev.herald.redis.testing.Publishing;
import dev.herald.redis.testing.RedisServer;
import dev.herald.redis.testing.TestLogs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Redis comes back without its data: a new life of the log, recognised as such, never a silent gap. */
class DataLossTest {

    private static final Duration RECOVERY = Duration.ofSeconds(20);

    static Publication news(String data) {
        return Publication.of(List.of(Topic.of("news")), data);
    }

    @Test
    void idsOfTheLostLifeAnswerOtherEpochAndFollowersCarryOnIntoTheNewOne() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            String prefix = TestLogs.freshPrefix();
            try (RedisEventLog a = new RedisEventLog(TestLogs.settings(server.url(), prefix));
                 RedisEventLog b = new RedisEventLog(TestLogs.settings(server.url(), prefix))) {
                List<Event> onB = new CopyOnWriteArrayList<>();
                b.follow(onB::add);
                Event old1 = a.append(news("old-1"));
                Event old2 = a.append(news("old-2"));
                a.append(news("old-custom").withId(EventId.of("order-1")));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onB.size() >= 3);

                server.restart();

                // nothing appended yet in the new life: the old ids are from another life, and there is no head
                Awaitility.await().atMost(RECOVERY).ignoreExceptions().until(() ->
                        b.readAfter(old1.id(), 10).equals(new ReadResult.Reset(ResetReason.OTHER_EPOCH, Optional.empty())));

                AtomicReference<Event> fresh = new AtomicReference<>();
                Awaitility.await().atMost(RECOVERY).ignoreExceptions().until(() -> {
                    fresh.set(a.append(news("new-1")));
                    return true;
                });
                Event new1 = fresh.get();
                assertThat(GeneratedId.parse(new1.id()).orElseThrow().epoch())
                        .isNotEqualTo(GeneratedId.parse(old1.id()).orElseThrow().epoch());
                assertThat(new1.position().isAfter(old2.position())).isTrue();

                ReadResult.Reset reset = (ReadResult.Reset) b.readAfter(old2.id(), 10);
                assertThat(reset.reason()).isEqualTo(ResetReason.OTHER_EPOCH);
                assertThat(reset.head()).contains(new1);
                // a publisher's id of the lost life is simply unknown now, and free again
                assertThat(b.readAfter(EventId.of("order-1"), 10)).isInstanceOf(ReadResult.Reset.class);
                b.append(news("new-custom").withId(EventId.of("order-1")));

                Awaitility.await().atMost(RECOVERY).until(() -> onB.size() >= 5);
                Thread.sleep(300);
                assertThat(onB).extracting(Event::data).containsExactly("old-1", "old-2", "old-custom", "new-1", "new-custom");
                RedisOutageTest.assertStrictlyIncreasing(onB);
                assertThat(b.health().state().epoch()).contains(GeneratedId.parse(new1.id()).orElseThrow().epoch());
                assertThat(b.health().state().lostEvents()).isZero();
            }
        }
    }

    @Test
    void aNewLifeStartsAboveEveryPositionTheNodeHasSeenEvenIfRedisTimeIsBehind() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            String prefix = TestLogs.freshPrefix();
            try (RedisEventLog a = new RedisEventLog(TestLogs.settings(server.url(), prefix))) {
                List<Event> onA = new CopyOnWriteArrayList<>();
                a.follow(onA::add);
                Event now = a.append(news("now"));
                // an entry a day ahead of Redis's clock, as if the old life ran on a clock that was ahead
                StreamId ahead = new StreamId(System.currentTimeMillis() + Duration.ofDays(1).toMillis(), 0);
                String epoch = GeneratedId.parse(now.id()).orElseThrow().epoch().value();
                assertThat(server.command("XADD " + prefix + "stream " + ahead + " e " + epoch
                        + " n 2 t message d ahead p news")).isEqualTo("$" + ahead.toString().length());
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> onA.size() >= 2);

                server.restart();

                Publishing.appendUntilStored(a, news("new life").withId(EventId.of("new-life")), RECOVERY);
                Awaitility.await().atMost(RECOVERY).until(() -> onA.size() >= 3);
                assertThat(onA).extracting(Event::data).containsExactly("now", "ahead", "new life");
                assertThat(onA.get(2).position().isAfter(ahead.toPosition())).isTrue();
            }
        }
    }
}
