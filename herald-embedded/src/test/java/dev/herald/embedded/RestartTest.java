package dev.herald.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.ReadResult;
import dev.herald.core.log.ResetReason;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.testing.MutableClock;
import dev.herald.core.topic.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Close, open the same directory: what was acknowledged is there, ids resume, positions grow. */
class RestartTest {

    @TempDir
    Path directory;

    private EmbeddedStoreOptions options() {
        return EmbeddedStoreOptions.in(directory);
    }

    private static Publication news(String data) {
        return Publication.of(List.of(Topic.of("news")), data);
    }

    @Test
    void eventsIdsAndEpochSurviveARestartAndPositionsKeepGrowing() {
        List<Event> before = new ArrayList<>();
        String epoch;
        try (EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            epoch = log.epoch();
            before.add(log.append(news("a")));
            before.add(log.append(news("b").withId(EventId.of("order-42"))));
            before.add(log.append(news("c")));
        }
        List<Event> after = new ArrayList<>();
        try (EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            assertThat(log.epoch()).isEqualTo(epoch);
            after.add(log.append(news("d")));
            assertThat(after.get(0).position().isAfter(before.get(2).position())).isTrue();
            assertThat(after.get(0).id().value()).isEqualTo(epoch + "-4");

            // a client that was at "a" before the restart resumes exactly, across it
            ReadResult.Found found = (ReadResult.Found) log.readAfter(before.get(0).id(), 10);
            assertThat(found.events()).containsExactly(before.get(1), before.get(2), after.get(0));
            // so does one holding the publisher's own id
            ReadResult.Found fromOrder = (ReadResult.Found) log.readAfter(EventId.of("order-42"), 10);
            assertThat(fromOrder.events()).extracting(Event::data).containsExactly("c", "d");
            // and publisher ids stay unique across lives
            assertThatThrownBy(() -> log.append(news("again").withId(EventId.of("order-42"))))
                    .isInstanceOf(DuplicateEventIdException.class);
        }
        try (EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            Event e = log.append(news("e"));
            assertThat(e.position().isAfter(after.get(0).position())).isTrue();
            ReadResult.Found found = (ReadResult.Found) log.readAfter(before.get(2).id(), 10);
            assertThat(found.events()).extracting(Event::data).containsExactly("d", "e");
        }
    }

    @Test
    void aNewDataDirectoryIsANewEpoch() {
        Event old;
        try (EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            old = log.append(news("old"));
        }
        try (EmbeddedEventLog log = EmbeddedEventLog.open(EmbeddedStoreOptions.in(directory.resolve("fresh")))) {
            Event head = log.append(news("new"));
            ReadResult.Reset reset = (ReadResult.Reset) log.readAfter(old.id(), 10);
            assertThat(reset.reason()).isEqualTo(ResetReason.OTHER_EPOCH);
            assertThat(reset.head()).contains(head);
        }
    }

    @Test
    void positionsKeepGrowingWhenRetentionEmptiedTheLogBeforeTheRestart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        EmbeddedStoreOptions aging = options().withClock(clock)
                .withRetention(new RetentionPolicy(100, Duration.ofMinutes(5)));
        Event last;
        try (EmbeddedEventLog log = EmbeddedEventLog.open(aging)) {
            log.append(news("1"));
            last = log.append(news("2"));
            clock.advance(Duration.ofMinutes(10));
            assertThat(log.trimNow()).isEqualTo(2);
            assertThat(log.size()).isZero();
        }
        try (EmbeddedEventLog log = EmbeddedEventLog.open(aging)) {
            assertThat(log.size()).isZero();
            ReadResult.Reset reset = (ReadResult.Reset) log.readAfter(last.id(), 10);
            assertThat(reset).isEqualTo(new ReadResult.Reset(ResetReason.EXPIRED, java.util.Optional.empty()));
            Event next = log.append(news("3"));
            assertThat(next.position().isAfter(last.position())).isTrue();
            assertThat(next.id()).isNotEqualTo(last.id());
        }
    }

    @Test
    void aSecondLogOnTheSameDirectoryIsRefusedWithAClearMessage() {
        try (EmbeddedEventLog log = EmbeddedEventLog.open(options())) {
            log.append(news("a"));
            assertThatThrownBy(() -> EmbeddedEventLog.open(options()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void appendsAfterCloseFail() {
        EmbeddedEventLog log = EmbeddedEventLog.open(options());
        log.close();
        assertThatThrownBy(() -> log.append(news("late")))
                .isInstanceOf(dev.herald.core.log.LogUnavailableException.class);
    }
}
