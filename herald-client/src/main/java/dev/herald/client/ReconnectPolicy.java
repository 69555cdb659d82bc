package dev.herald.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Immutable reconnection backoff: given how many attempts in a row have failed, returns how long to
 * wait before the next one.
 *
 * <p>For attempt {@code n} (1 = first reconnection after a stream that was open, or after the first
 * failed attempt), the nominal delay is {@code baseDelay × multiplier^(n-1)} (for {@code n ≥ 2} the
 * growth starts from at least {@value #MIN_GROWTH_BASE_MILLIS} ms, so a server asking for
 * {@code retry: 0} cannot make a failing client spin). Jitter then spreads it upwards: the result is
 * uniform in {@code [nominal, nominal × (1 + jitter)]}, and everything is capped at
 * {@code maxDelay}. When the cap is reached the spread is taken below it instead,
 * {@code [maxDelay / (1 + jitter), maxDelay]}, but never below {@code baseDelay}. Consequences:
 * <ul>
 *   <li>the client never reconnects earlier than the server's {@code retry:} value (the WHATWG
 *       model waits at least the reconnection time), unless that exceeds {@code maxDelay};</li>
 *   <li>it never waits longer than {@code maxDelay};</li>
 *   <li>many clients dropped at once (server restart) do not come back in lock-step.</li>
 * </ul>
 *
 * <p>The attempt counter is kept by the caller; {@link HeraldEventSource} resets it once a
 * connection opens successfully. A server {@code retry:} field replaces the base delay via
 * {@link #withBaseDelay(Duration)}.
 *
 * @param baseDelay  initial reconnection time; {@code >= 0}
 * @param maxDelay   cap on any delay; {@code >= 0}
 * @param multiplier growth per consecutive failure; {@code >= 1}, finite
 * @param jitter     relative random spread; in {@code [0, 1]}
 */
public record ReconnectPolicy(Duration baseDelay, Duration maxDelay, double multiplier, double jitter) {

    /** Default base delay (the conventional browser reconnection time). */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(3);
    /** Default cap. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    /** Default growth factor. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** Default jitter. */
    public static final double DEFAULT_JITTER = 0.5;
    /** Exponential growth starts from at least this many milliseconds. */
    public static final long MIN_GROWTH_BASE_MILLIS = 100;

    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a duration is {@code null}
     * @throws IllegalArgumentException if a value is out of range
     */
    public ReconnectPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be finite and >= 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
        }
    }

    /**
     * The defaults: 3 s base, 30 s cap, ×2 per failure, 50 % jitter.
     *
     * @return the default policy
     */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MULTIPLIER, DEFAULT_JITTER);
    }

    /**
     * A copy with another base delay, e.g. the server's {@code retry:} value.
     *
     * @param value the new base delay, {@code >= 0}
     * @return a new policy
     */
    public ReconnectPolicy withBaseDelay(Duration value) {
        return new ReconnectPolicy(value, maxDelay, multiplier, jitter);
    }

    /**
     * A copy with another cap.
     *
     * @param value the new maximum delay, {@code >= 0}
     * @return a new policy
     */
    public ReconnectPolicy withMaxDelay(Duration value) {
        return new ReconnectPolicy(baseDelay, value, multiplier, jitter);
    }

    /**
     * A copy with another growth factor.
     *
     * @param value the new multiplier, {@code >= 1}
     * @return a new policy
     */
    public ReconnectPolicy withMultiplier(double value) {
        return new ReconnectPolicy(baseDelay, maxDelay, value, jitter);
    }

    /**
     * A copy with another jitter; {@code 0} makes delays deterministic.
     *
     * @param value the new jitter, in {@code [0, 1]}
     * @return a new policy
     */
    public ReconnectPolicy withJitter(double value) {
        return new ReconnectPolicy(baseDelay, maxDelay, multiplier, value);
    }

    /**
     * The delay before attempt {@code attempt}, with a random jitter draw. Thread-safe.
     *
     * @param attempt the number of consecutive failures so far, {@code >= 1}
     * @return the delay, between 0 and {@code maxDelay}
     */
    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The delay before attempt {@code attempt} for a given jitter draw; a pure function.
     *
     * @param attempt the number of consecutive failures so far, {@code >= 1}
     * @param random  where to land in the jitter range, in {@code [0, 1]}: 0 = lower bound
     * @return the delay, between 0 and {@code maxDelay}
     * @throws IllegalArgumentException if {@code attempt < 1} or {@code random} is outside [0, 1]
     */
    public Duration delay(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
        }
        if (!(random >= 0.0 && random <= 1.0)) {
            throw new IllegalArgumentException("random must be in [0, 1]: " + random);
        }
        double base = nanos(baseDelay);
        double max = nanos(maxDelay);
        double growthBase = attempt == 1 ? base : Math.max(base, MIN_GROWTH_BASE_MILLIS * 1e6);
        double nominal = growthBase * Math.pow(multiplier, attempt - 1.0);
        double upper = Math.min(max, nominal * (1 + jitter));
        double lower = Math.max(Math.min(base, max), upper / (1 + jitter));
        lower = Math.min(lower, upper);
        double delay = lower + (upper - lower) * random;
        return Duration.ofNanos((long) Math.min(delay, Long.MAX_VALUE));
    }

    private static double nanos(Duration duration) {
        return duration.getSeconds() * NANOS_PER_SECOND + duration.getNano();
    }
}
