package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void growsExponentiallyWithinEqualJitter() {
        for (int failures = 0; failures < 4; failures++) {
            long ceiling = 100L << failures;
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delay(failures).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void isCappedEvenAfterManyFailures() {
        for (int failures : new int[] {5, 31, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.delay(failures).toMillis()).isBetween(1000L, 2000L);
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
