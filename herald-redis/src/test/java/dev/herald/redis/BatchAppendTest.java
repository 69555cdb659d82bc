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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A batch goes to Redis in script calls of at most {@link RedisEventLog#MAX_BATCH} events, in order. */
class BatchAppendTest {

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

    private static Publication news(String data) {
        return Publication.of(List.of(Topic.of("news")), data);
    }

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
