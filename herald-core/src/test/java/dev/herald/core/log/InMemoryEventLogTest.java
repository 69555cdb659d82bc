package dev.herald.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.Event;
import dev.herald.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest extends EventLogContract {

    @Override
    protected EventLog newLog(RetentionPolicy retention) {
        return new InMemoryEventLog(retention);
    }

    @Test
    void trimmedIdOfThisLifeIsExpired() {
        InMemoryEventLog small = new InMemoryEventLog(new RetentionPolicy(3, Duration.ofHours(1)));
        Event first = small.append(news("0"));
        for (int i = 1; i < 10; i++) {
            small.append(news(Integer.toString(i)));
        }
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.stats()).contains(new LogStats(3, 7));
        ReadResult.Reset reset = (ReadResult.Reset) small.readAfter(first.id(), 10);
        assertThat(reset.reason()).isEqualTo(ResetReason.EXPIRED);
    }

    @Test
    void idOfAnEarlierLifeIsOtherEpoch() {
        Event old = new InMemoryEventLog(RetentionPolicy.DEFAULT).append(news("old"));
        InMemoryEventLog restarted = new InMemoryEventLog(RetentionPolicy.DEFAULT);
        restarted.append(news("new"));
        ReadResult.Reset reset = (ReadResult.Reset) restarted.readAfter(old.id(), 10);
        assertThat(reset.reason()).isEqualTo(ResetReason.OTHER_EPOCH);
    }

    @Test
    void retentionByAgeDropsOldEvents() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryEventLog aging = new InMemoryEventLog(new RetentionPolicy(100, Duration.ofMinutes(5)), clock);
        Event old = aging.append(news("old"));
        clock.advance(Duration.ofMinutes(4));
        Event recent = aging.append(news("recent"));
        clock.advance(Duration.ofMinutes(2));
        // stats see the age limit too, without waiting for the next append or read to apply it
        assertThat(aging.stats()).contains(new LogStats(1, 1));
        assertThat(aging.readAfter(old.id(), 10)).isInstanceOf(ReadResult.Reset.class);
        assertThat(aging.readAfter(recent.id(), 10)).isInstanceOf(ReadResult.Found.class);
        assertThat(aging.size()).isEqualTo(1);
    }
}
