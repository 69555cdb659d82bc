package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The backoff arithmetic of {@link ReconnectPolicy}. */
class ReconnectPolicyTest {

    private static final ReconnectPolicy NO_JITTER =
            new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.0);

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void growsExponentiallyFromTheBaseDelay() {
        assertThat(NO_JITTER.delay(1, 0.7)).isEqualTo(ms(1000));
        assertThat(NO_JITTER.delay(2, 0.7)).isEqualTo(ms(2000));
        assertThat(NO_JITTER.delay(3, 0.7)).isEqualTo(ms(4000));
        assertThat(NO_JITTER.delay(5, 0.7)).isEqualTo(ms(16000));
    }

    @Test
    void isCappedAtTheMaximum() {
        assertThat(NO_JITTER.delay(6, 0.0)).isEqualTo(ms(30000));
        assertThat(NO_JITTER.delay(1_000_000, 1.0)).isEqualTo(ms(30000));
    }

    @Test
    void jitterSpreadsUpwardsSoTheServerRetryIsAMinimum() {
        ReconnectPolicy policy = NO_JITTER.withJitter(0.5);
        assertThat(policy.delay(1, 0.0)).isEqualTo(ms(1000));
        assertThat(policy.delay(1, 0.5)).isEqualTo(ms(1250));
        assertThat(policy.delay(1, 1.0)).isEqualTo(ms(1500));
        assertThat(policy.delay(3, 0.0)).isEqualTo(ms(4000));
        assertThat(policy.delay(3, 1.0)).isEqualTo(ms(6000));
    }

    @Test
    void atTheCapJitterSpreadsBelowIt() {
        ReconnectPolicy policy = NO_JITTER.withJitter(0.5);
        assertThat(policy.delay(10, 0.0)).isEqualTo(ms(20000));
        assertThat(policy.delay(10, 1.0)).isEqualTo(ms(30000));
    }

    @Test
    void atTheCapJitterNeverGoesBelowTheBaseDelay() {
        ReconnectPolicy policy = new ReconnectPolicy(ms(25000), ms(30000), 2.0, 0.5);
        assertThat(policy.delay(3, 0.0)).isEqualTo(ms(25000));
        assertThat(policy.delay(3, 1.0)).isEqualTo(ms(30000));
    }

    @Test
    void baseAboveTheCapIsCapped() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMinutes(5), ms(30000), 2.0, 0.5);
        assertThat(policy.delay(1, 0.0)).isEqualTo(ms(30000));
        assertThat(policy.delay(1, 1.0)).isEqualTo(ms(30000));
    }

    @Test
    void zeroBaseReconnectsAtOnceButStillBacksOffOnRepeatedFailures() {
        ReconnectPolicy policy = NO_JITTER.withBaseDelay(Duration.ZERO);
        assertThat(policy.delay(1, 1.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.delay(2, 0.0)).isEqualTo(ms(2 * ReconnectPolicy.MIN_GROWTH_BASE_MILLIS));
        assertThat(policy.delay(3, 0.0)).isEqualTo(ms(4 * ReconnectPolicy.MIN_GROWTH_BASE_MILLIS));
    }

    @Test
    void hugeServerRetryDoesNotOverflow() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(Long.MAX_VALUE),
                Duration.ofMillis(Long.MAX_VALUE), 2.0, 0.5);
        assertThat(policy.delay(200, 1.0)).isPositive();
    }

    @RepeatedTest(20)
    void randomDrawStaysWithinTheBounds() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        for (int attempt = 1; attempt <= 8; attempt++) {
            Duration delay = policy.delay(attempt);
            assertThat(delay).isBetween(policy.delay(attempt, 0.0), policy.delay(attempt, 1.0));
            assertThat(delay).isLessThanOrEqualTo(policy.maxDelay());
        }
    }

    @Test
    void withersReturnNewPoliciesAndLeaveTheOriginalUnchanged() {
        ReconnectPolicy changed = NO_JITTER.withBaseDelay(ms(10)).withMaxDelay(ms(20)).withMultiplier(3).withJitter(0.1);
        assertThat(changed).isEqualTo(new ReconnectPolicy(ms(10), ms(20), 3, 0.1));
        assertThat(NO_JITTER.baseDelay()).isEqualTo(ms(1000));
        assertThat(ReconnectPolicy.defaults()).isEqualTo(new ReconnectPolicy(
                Duration.ofSeconds(3), Duration.ofSeconds(30), 2.0, 0.5));
    }

    @Test
    void rejectsInvalidArguments() {
        assertThatThrownBy(() -> new ReconnectPolicy(ms(-1), ms(1), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(ms(1), ms(-1), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(ms(1), ms(1), 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(ms(1), ms(1), Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(ms(1), ms(1), 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(null, ms(1), 2, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> NO_JITTER.delay(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NO_JITTER.delay(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
