package dev.herald.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventLog} owes the hub. Each store runs this suite by extending it
 * (the test-jar of herald-core ships it) and saying how to make a log.
 */
public abstract class EventLogContract {

    protected static final Topic NEWS = Topic.of("news");

    protected EventLog log;

    /** A fresh, empty log that keeps at least {@code retention.maxEvents()} events. */
    protected abstract EventLog newLog(RetentionPolicy retention) throws Exception;

    /**
     * The log again, as a later life of the same store would see it (after a restart), or empty
     * when the store keeps nothing across lives.
     */
    protected Optional<EventLog> reopen(EventLog previous, RetentionPolicy retention) throws Exception {
        return Optional.empty();
    }

    @BeforeEach
    void openLog() throws Exception {
        log = newLog(new RetentionPolicy(100, Duration.ofHours(1)));
    }

    @AfterEach
    void closeLog() {
        if (log != null) {
            log.close();
        }
    }

    protected static Publication news(String data) {
        return Publication.of(List.of(NEWS), data);
    }

    @Test
    void appendAssignsIncreasingPositionsAndUniqueIds() {
        Event first = log.append(news("1"));
        Event second = log.append(news("2"));
        assertThat(second.position().isAfter(first.position())).isTrue();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(first.data()).isEqualTo("1");
        assertThat(first.topics()).containsExactly(NEWS);
    }

    @Test
    void appendKeepsEveryFieldOfThePublication() {
        Event before = log.append(news("before"));
        Publication publication = new Publication(Optional.of(EventId.of("custom-1")), EventType.of("update"),
                "line 1\nline 2\r\n\u00e9\u20ac\ud83d\ude00", List.of(NEWS, Topic.of("users/alice")), true,
                Optional.of(Duration.ofMillis(1500)));
        Event appended = log.append(publication);
        ReadResult.Found found = (ReadResult.Found) log.readAfter(before.id(), 10);
        assertThat(found.events()).hasSize(1);
        Event stored = found.events().get(0);
        assertThat(stored.id()).isEqualTo(EventId.of("custom-1")).isEqualTo(appended.id());
        assertThat(stored.position()).isEqualTo(appended.position());
        assertThat(stored.type()).isEqualTo(EventType.of("update"));
        assertThat(stored.data()).isEqualTo("line 1\nline 2\r\n\u00e9\u20ac\ud83d\ude00");
        assertThat(stored.topics()).containsExactly(NEWS, Topic.of("users/alice"));
        assertThat(stored.privateEvent()).isTrue();
        assertThat(stored.retry()).contains(Duration.ofMillis(1500));
    }

    @Test
    void publisherIdsMustBeUnique() {
        log.append(news("a").withId(EventId.of("mine")));
        assertThatThrownBy(() -> log.append(news("b").withId(EventId.of("mine"))))
                .isInstanceOf(DuplicateEventIdException.class);
    }

    @Test
    void appendAllStoresABatchInOrderAsConsecutiveAppendsWould() {
        Event before = log.append(news("before"));
        List<Event> batch = log.appendAll(List.of(news("b1"), news("b2").withId(EventId.of("own-b3")), news("b4")));

        assertThat(batch).extracting(Event::data).containsExactly("b1", "b2", "b4");
        assertThat(batch.get(1).id()).isEqualTo(EventId.of("own-b3"));
        assertThat(batch.get(0).position().isAfter(before.position())).isTrue();
        assertThat(batch.get(2).position().isAfter(batch.get(1).position())).isTrue();
        assertThat(batch.get(1).position().isAfter(batch.get(0).position())).isTrue();
        ReadResult.Found found = (ReadResult.Found) log.readAfter(before.id(), 10);
        assertThat(found.events()).isEqualTo(batch);
    }

    @Test
    void appendAllStopsAtATakenIdAndSaysWhatWasStored() {
        Event taken = log.append(news("first").withId(EventId.of("taken")));

        assertThatThrownBy(() -> log.appendAll(List.of(news("a"), news("b"), news("c").withId(EventId.of("taken")),
                news("d"))))
                .isInstanceOfSatisfying(PartialAppendException.class, e -> {
                    assertThat(e.stored()).extracting(Event::data).containsExactly("a", "b");
                    assertThat(e.refusal()).isInstanceOf(DuplicateEventIdException.class);
                });
        ReadResult.Found found = (ReadResult.Found) log.readAfter(taken.id(), 10);
        assertThat(found.events()).extracting(Event::data).containsExactly("a", "b");
        assertThatThrownBy(() -> log.appendAll(List.of(news("again").withId(EventId.of("taken")))))
                .isInstanceOfSatisfying(PartialAppendException.class, e -> assertThat(e.stored()).isEmpty());
    }

    @Test
    void readAfterReturnsTheEventsAfterAnIdInOrder() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(log.append(news("e" + i)));
        }
        ReadResult result = log.readAfter(events.get(3).id(), 100);
        assertThat(result).isInstanceOf(ReadResult.Found.class);
        ReadResult.Found found = (ReadResult.Found) result;
        assertThat(found.events()).extracting(Event::data).containsExactly("e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(found.more()).isFalse();
        assertThat(found.after()).isEqualTo(events.get(3).position());
        Event own = log.append(news("own").withId(EventId.of("own-id")));
        assertThat(((ReadResult.Found) log.readAfter(own.id(), 1)).after()).isEqualTo(own.position());
    }

    @Test
    void readAfterTheNewestEventIsEmpty() {
        Event last = log.append(news("x"));
        assertThat(log.readAfter(last.id(), 10)).isEqualTo(new ReadResult.Found(List.of(), false, last.position()));
    }

    @Test
    void readAfterPagesByLimit() {
        Event first = log.append(news("0"));
        for (int i = 1; i <= 5; i++) {
            log.append(news(Integer.toString(i)));
        }
        ReadResult.Found page = (ReadResult.Found) log.readAfter(first.id(), 2);
        assertThat(page.events()).extracting(Event::data).containsExactly("1", "2");
        assertThat(page.more()).isTrue();
        ReadResult.Found next = (ReadResult.Found) log.readAfter(page.events().get(1).id(), 10);
        assertThat(next.events()).extracting(Event::data).containsExactly("3", "4", "5");
        assertThat(next.more()).isFalse();
    }

    @Test
    void readAfterFindsEventsWithPublisherIds() {
        Event custom = log.append(news("a").withId(EventId.of("order-42")));
        log.append(news("b"));
        ReadResult.Found found = (ReadResult.Found) log.readAfter(custom.id(), 10);
        assertThat(found.events()).extracting(Event::data).containsExactly("b");
    }

    @Test
    void unknownIdIsAResetWithTheHead() {
        log.append(news("a"));
        Event head = log.append(news("b"));
        ReadResult result = log.readAfter(EventId.of("never-issued"), 10);
        assertThat(result).isInstanceOf(ReadResult.Reset.class);
        assertThat(((ReadResult.Reset) result).head()).map(Event::id).contains(head.id());
    }

    @Test
    void unknownIdOnAnEmptyLogIsAResetWithoutHead() {
        ReadResult result = log.readAfter(EventId.of("never-issued"), 10);
        assertThat(result).isEqualTo(new ReadResult.Reset(ResetReason.UNKNOWN, Optional.empty()));
    }

    @Test
    void statsWhenTheStoreKeepsThemCountTheEventsHeld() {
        log.stats().ifPresent(empty -> assertThat(empty).isEqualTo(new LogStats(0, 0)));
        for (int i = 0; i < 3; i++) {
            log.append(news(Integer.toString(i)));
        }
        log.stats().ifPresent(stats -> assertThat(stats).isEqualTo(new LogStats(3, 0)));
    }

    @Test
    void retentionByCountTurnsOldIdsIntoResets() throws Exception {
        log.close();
        log = newLog(new RetentionPolicy(5, Duration.ofHours(1)));
        Event oldest = log.append(news("0"));
        for (int i = 1; i < 50; i++) {
            log.append(news(Integer.toString(i)));
        }
        // stores may trim lazily or approximately, but never hand out a gap
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(log.readAfter(oldest.id(), 100)).isInstanceOf(ReadResult.Reset.class));
        ReadResult.Reset reset = (ReadResult.Reset) log.readAfter(oldest.id(), 100);
        assertThat(reset.reason()).isIn(ResetReason.EXPIRED, ResetReason.UNKNOWN);
        assertThat(reset.head()).map(Event::data).contains("49");
    }

    @Test
    void followerGetsEveryAppendOnceInOrder() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable following = log.follow(seen::add)) {
            ExecutorService publishers = Executors.newFixedThreadPool(4);
            CountDownLatch done = new CountDownLatch(4);
            for (int p = 0; p < 4; p++) {
                int publisher = p;
                publishers.execute(() -> {
                    for (int i = 0; i < 25; i++) {
                        if (i % 5 == 0 && i + 3 <= 25) {
                            // batches interleave with single appends of the others
                            log.appendAll(List.of(news(publisher + ":" + i), news(publisher + ":" + (i + 1)),
                                    news(publisher + ":" + (i + 2))));
                            i += 2;
                        } else {
                            log.append(news(publisher + ":" + i));
                        }
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            publishers.shutdown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 100);
        }
        assertThat(seen).hasSize(100);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).position().isAfter(seen.get(i - 1).position()))
                    .as("event %d follows event %d", i, i - 1).isTrue();
        }
        assertThat(seen.stream().map(Event::id).distinct().count()).isEqualTo(100);
        for (int p = 0; p < 4; p++) {
            String prefix = p + ":";
            assertThat(seen.stream().map(Event::data).filter(data -> data.startsWith(prefix)).toList())
                    .as("publisher %d's events in its order", p)
                    .isEqualTo(java.util.stream.IntStream.range(0, 25).mapToObj(i -> prefix + i).toList());
        }
    }

    @Test
    void idsFromAnEarlierLifeAreNeverConfused() throws Exception {
        Event before = log.append(news("before"));
        log.appendAll(List.of(news("after-before"), news("batched")));
        RetentionPolicy retention = new RetentionPolicy(100, Duration.ofHours(1));
        Optional<EventLog> reopened = reopen(log, retention);
        if (reopened.isPresent()) {
            log = reopened.get();
            ReadResult.Found found = (ReadResult.Found) log.readAfter(before.id(), 10);
            assertThat(found.events()).extracting(Event::data).containsExactly("after-before", "batched");
        } else {
            log.close();
            log = newLog(retention);
            log.append(news("new life"));
            assertThat(log.readAfter(before.id(), 10)).isInstanceOf(ReadResult.Reset.class);
        }
    }

}
