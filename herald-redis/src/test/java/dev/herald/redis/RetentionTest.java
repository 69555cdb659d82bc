package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.LogStats;
import dev.herald.core.log.ReadResult;
import dev.herald.core.log.ResetReason;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.topic.Topic;
import dev.herald.redis.testing.RedisServerExtension;
import dev.herald.redis.testing.TestLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention: Redis trims approximately (whole stream nodes), the log answers exactly what the
 * policy promises, and an id that fell out of it is a reset, never a gap.
 */
class RetentionTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    static Publication news(String data) {
        return Publication.of(List.of(Topic.of("news")), data);
    }

    @Test
    void retentionByCountIsExactForReadersAndApproximateInRedis() {
        String prefix = TestLogs.freshPrefix();
        try (RedisEventLog log = new RedisEventLog(TestLogs.settings(redis.url(), prefix,
                new RetentionPolicy(10, Duration.ofHours(1))))) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                events.add(log.append(news("e" + i)));
            }
            // the newest 10 are retained: replay after the oldest of them works, before it resets
            ReadResult.Found found = (ReadResult.Found) log.readAfter(events.get(390).id(), 100);
            assertThat(found.events()).extracting(Event::data)
                    .containsExactly("e391", "e392", "e393", "e394", "e395", "e396", "e397", "e398", "e399");
            ReadResult.Reset reset = (ReadResult.Reset) log.readAfter(events.get(389).id(), 100);
            assertThat(reset.reason()).isEqualTo(ResetReason.EXPIRED);
            assertThat(reset.head()).contains(events.get(399));
            // trimmed from Redis itself, though not to the event: MAXLEN ~ drops whole nodes of 100
            long length = Long.parseLong(redis.server().command("XLEN " + prefix + "stream").substring(1));
            assertThat(length).isBetween(10L, 300L);
            // the stats say the same: the stream's length, and the rest of the 400 dropped
            assertThat(log.stats()).contains(new LogStats(length, 400 - length));
            assertThat(log.readAfter(events.get(0).id(), 10))
                    .isEqualTo(new ReadResult.Reset(ResetReason.EXPIRED, java.util.Optional.of(events.get(399))));
        }
    }

    @Test
    void retentionByAgeExpiresIdsAndFreesPublisherIds() throws Exception {
        String prefix = TestLogs.freshPrefix();
        try (RedisEventLog log = new RedisEventLog(TestLogs.settings(redis.url(), prefix,
                new RetentionPolicy(1000, Duration.ofMillis(1500))))) {
            Event old = log.append(news("old"));
            log.append(news("old custom").withId(EventId.of("order-9")));
            Thread.sleep(1700);
            Event recent = log.append(news("recent"));
            Event newest = log.append(news("newest"));

            ReadResult.Reset expired = (ReadResult.Reset) log.readAfter(old.id(), 10);
            assertThat(expired.reason()).isEqualTo(ResetReason.EXPIRED);
            assertThat(expired.head()).contains(newest);
            // the index of a publisher's id expires with the age limit: unknown now, and free again
            assertThat(((ReadResult.Reset) log.readAfter(EventId.of("order-9"), 10)).reason()).isEqualTo(ResetReason.UNKNOWN);
            log.append(news("reused").withId(EventId.of("order-9")));
            assertThat(((ReadResult.Found) log.readAfter(recent.id(), 10)).events()).extracting(Event::data)
                    .containsExactly("newest", "reused");
            long ttl = Long.parseLong(redis.server().command("PTTL " + prefix + "id:order-9").substring(1));
            assertThat(ttl).isBetween(1L, 1500L);
        }
    }
}
