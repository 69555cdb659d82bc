package dev.herald.mercure.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a stream starts for each kind of {@code Last-Event-ID}, and what the response header says. */
class ResumePlannerTest {

    private final InMemoryEventLog log = new InMemoryEventLog(new RetentionPolicy(3, Duration.ofHours(1)));
    private final ResumePlanner planner = new ResumePlanner(log, new LogHead(log));

    @Test
    void noLastEventIdMeansLiveWithoutHeader() {
        publish();

        assertThat(planner.plan(Optional.empty())).isEqualTo(ResumePlan.LIVE);
    }

    @Test
    void onAnEmptyLogEverythingIsEarliest() {
        assertThat(planner.plan(Optional.of("earliest")))
                .isEqualTo(new ResumePlan(Optional.empty(), Optional.of("earliest")));
        assertThat(planner.plan(Optional.of("urn:uuid:unknown")))
                .isEqualTo(new ResumePlan(Optional.empty(), Optional.of("earliest")));
    }

    @Test
    void aKnownIdResumesAfterItself() {
        EventId first = publish();
        publish();

        assertThat(planner.plan(Optional.of(first.value())))
                .isEqualTo(new ResumePlan(Optional.of(first), Optional.of(first.value())));
    }

    @Test
    void earliestUnknownAndExpiredIdsStartAtTheHead() {
        EventId expired = publish();
        publish();
        publish();
        EventId head = publish();
        ResumePlan atHead = new ResumePlan(Optional.of(head), Optional.of(head.value()));

        assertThat(planner.plan(Optional.of("earliest"))).isEqualTo(atHead);
        assertThat(planner.plan(Optional.of("urn:uuid:unknown"))).isEqualTo(atHead);
        assertThat(planner.plan(Optional.of(expired.value()))).as("retention dropped it").isEqualTo(atHead);
        assertThat(planner.plan(Optional.of("x".repeat(EventId.MAX_LENGTH + 1)))).as("no id at all").isEqualTo(atHead);
    }

    @Test
    void theHeadIsFoundEvenIfSomeonePublishedUnderTheProbesPrefix() {
        log.append(Publication.of(List.of(Topic.of("t")), "x").withId(EventId.of("#herald-mercure-head-probe-mine")));
        EventId head = publish();

        assertThat(new LogHead(log).current()).contains(head);
    }

    private EventId publish() {
        return log.append(Publication.of(List.of(Topic.of("t")), "x")).id();
    }
}
