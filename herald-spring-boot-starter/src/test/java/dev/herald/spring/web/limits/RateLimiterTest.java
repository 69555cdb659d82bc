package dev.herald.spring.web.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets refill at the rate, keys are independent; connection permits are given back once. */
class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void burstThenRateAndKeysAreIndependent() {
        RateLimiter limiter = new RateLimiter(2, 3, now::get);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).isTrue();

        now.addAndGet(499_000_000L);
        assertThat(limiter.tryAcquire("a")).isFalse();
        now.addAndGet(2_000_000L); // half a second at 2/s: one token
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();

        now.addAndGet(60_000_000_000L); // refilled to the burst, never beyond
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void severalPermitsAreTakenAllOrNone() {
        RateLimiter limiter = new RateLimiter(2, 5, now::get);

        assertThat(limiter.tryAcquire("a", 6)).isFalse();
        assertThat(limiter.tryAcquire("a", 4)).isTrue();
        assertThat(limiter.tryAcquire("a", 2)).isFalse();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        now.addAndGet(1_000_000_000L); // two tokens
        assertThat(limiter.tryAcquire("a", 3)).isFalse();
        assertThat(limiter.tryAcquire("a", 2)).isTrue();
        assertThat(limiter.burst()).isEqualTo(5);
    }

    @Test
    void aCallerThatReadTheClockEarlierTakesNoMoreThanItsToken() {
        RateLimiter limiter = new RateLimiter(1_000_000, 100, now::get);
        now.set(10_000_000L);
        assertThat(limiter.tryAcquire("a")).isTrue();
        // a request thread that read the clock 5 ms earlier reaches the bucket only now: at a
        // million tokens a second, a negative refill would empty the bucket
        now.set(5_000_000L);
        for (int i = 0; i < 99; i++) {
            assertThat(limiter.tryAcquire("a")).as("request %d", i).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
        now.set(10_001_000L); // the bucket's time did not move back: a microsecond later refills one token
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void idleBucketsAreSweptWhenTheMapGrows() {
        RateLimiter limiter = new RateLimiter(1000, 1, now::get);
        for (int i = 0; i <= RateLimiter.SWEEP_AT; i++) {
            limiter.tryAcquire("k" + i);
        }
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.size()).isGreaterThan(RateLimiter.SWEEP_AT);
        assertThat(limiter.tryAcquire("fresh")).isTrue();
        // a second later every old bucket is full again, carries nothing, and is dropped
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void connectionPermitsCountPerUserAndAddressAndAreReleasedOnce() {
        ConnectionLimiter limiter = new ConnectionLimiter(2, 3);
        ConnectionLimiter.Permit first = granted(limiter.tryAcquire(Optional.of("alice"), "10.0.0.1"));
        granted(limiter.tryAcquire(Optional.of("alice"), "10.0.0.2"));

        assertThat(limiter.tryAcquire(Optional.of("alice"), "10.0.0.3"))
                .isEqualTo(new ConnectionLimiter.Outcome.Refused(ConnectionLimiter.Refusal.USER));
        granted(limiter.tryAcquire(Optional.empty(), "10.0.0.1"));
        granted(limiter.tryAcquire(Optional.empty(), "10.0.0.1"));
        assertThat(limiter.tryAcquire(Optional.empty(), "10.0.0.1"))
                .isEqualTo(new ConnectionLimiter.Outcome.Refused(ConnectionLimiter.Refusal.ADDRESS));

        first.release();
        first.release();
        assertThat(limiter.liveForUser("alice")).isEqualTo(1);
        granted(limiter.tryAcquire(Optional.of("alice"), "10.0.0.1"));
        assertThat(limiter.tryAcquire(Optional.of("alice"), "10.0.0.4"))
                .isEqualTo(new ConnectionLimiter.Outcome.Refused(ConnectionLimiter.Refusal.USER));
    }

    private static ConnectionLimiter.Permit granted(ConnectionLimiter.Outcome outcome) {
        assertThat(outcome).isInstanceOf(ConnectionLimiter.Outcome.Granted.class);
        return ((ConnectionLimiter.Outcome.Granted) outcome).permit();
    }
}
