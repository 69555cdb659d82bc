package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.EventId;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.LogUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The event log's refusals, as Herald's API and the Mercure endpoints both answer them. */
class StoreProblemsTest {

    @Test
    void aTakenIdIsAConflictThatSaysWhatToDo() {
        Problem problem = Problem.of(new DuplicateEventIdException(EventId.of("order-7")));

        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.detail()).isEqualTo("an event with id 'order-7' already exists; event ids must be unique:"
                + " choose another id, or omit it to have one generated");
        assertThat(problem.headers().isEmpty()).isTrue();
    }

    @Test
    void anUnavailableLogIsA503ToRetryInASecond() {
        Problem problem = Problem.logUnavailable(new LogUnavailableException("redis is down", null), "nothing was stored");

        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.detail()).isEqualTo("the event log is unavailable (redis is down); nothing was stored, retry later");
        assertThat(problem.headers().toSingleValueMap()).containsExactly(Map.entry("Retry-After", "1"));
    }
}
