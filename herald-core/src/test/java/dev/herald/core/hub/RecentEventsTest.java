package dev.herald.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.LogPosition;
import dev.herald.core.topic.Topic;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

    private static LoggedEvent event(long position, String data) {
        return new LoggedEvent(Event.from(Publication.of(List.of(Topic.of("news")), data), EventId.of("e" + position),
                new LogPosition(position), Instant.EPOCH));
    }

    private static LoggedEvent event(long position) {
        return event(position, "x");
    }

    @Test
    void findsAKeptEventByPositionAndIdAndReadsOnFromIt() {
        RecentEvents recent = new RecentEvents(8, 1 << 20);
        for (long p = 10; p < 15; p++) {
            recent.add(event(p * 3)); // positions grow, with gaps, as a shared log's do
        }
        RecentEvents.Entry found = recent.find(new LogPosition(36), EventId.of("e36"));
        assertThat(found).isNotNull();
        assertThat(recent.at(found.sequence() + 1).event().position()).isEqualTo(new LogPosition(39));
        assertThat(recent.at(found.sequence() + 2).event().position()).isEqualTo(new LogPosition(42));
        assertThat(recent.at(found.sequence() + 3)).isNull();
        assertThat(recent.find(new LogPosition(36), EventId.of("another id at that position"))).isNull();
        assertThat(recent.find(new LogPosition(37), EventId.of("e37"))).isNull();
        assertThat(recent.find(new LogPosition(30), EventId.of("e30"))).isNotNull();
    }

    @Test
    void keepsTheNewestEventsWhenTheRingWraps() {
        RecentEvents recent = new RecentEvents(5, 1 << 20); // rounded up to 8
        for (long p = 1; p <= 20; p++) {
            recent.add(event(p));
        }
        assertThat(recent.size()).isEqualTo(8);
        assertThat(recent.find(new LogPosition(12), EventId.of("e12"))).isNull();
        assertThat(recent.find(new LogPosition(13), EventId.of("e13"))).isNotNull();
        assertThat(recent.find(new LogPosition(20), EventId.of("e20"))).isNotNull();
        long first = recent.find(new LogPosition(13), EventId.of("e13")).sequence();
        assertThat(recent.at(first - 1)).isNull();
    }

    @Test
    void keepsNoMoreThanItsByteBudget() {
        // each event of 100 chars counts 2 * 100 + 128 = 328 bytes: a budget of 1,000 keeps three
        RecentEvents recent = new RecentEvents(64, 1_000);
        for (long p = 1; p <= 10; p++) {
            recent.add(event(p, "y".repeat(100)));
        }
        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.find(new LogPosition(7), EventId.of("e7"))).isNull();
        assertThat(recent.find(new LogPosition(8), EventId.of("e8"))).isNotNull();
    }

    @Test
    void anEventOverTheBudgetIsNotKeptAndNoReplayFromMemorySpansIt() {
        RecentEvents recent = new RecentEvents(64, 1_000);
        recent.add(event(1));
        recent.add(event(2, "z".repeat(1_000)));
        recent.add(event(3));
        assertThat(recent.find(new LogPosition(1), EventId.of("e1"))).isNull();
        assertThat(recent.find(new LogPosition(2), EventId.of("e2"))).isNull();
        assertThat(recent.find(new LogPosition(3), EventId.of("e3"))).isNotNull();
    }

    @Test
    void aRingOfNoEventsKeepsNothing() {
        RecentEvents recent = new RecentEvents(0, 1 << 20);
        recent.add(event(1));
        assertThat(recent.size()).isZero();
        assertThat(recent.find(new LogPosition(1), EventId.of("e1"))).isNull();
        assertThat(recent.at(0)).isNull();
    }
}
