package dev.herald.spring.security;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The claim checks besides the signature.
 *
 * @param issuer    when present, the {@code iss} a token must carry
 * @param audiences when not empty, a token's {@code aud} must name at least one of these
 * @param clockSkew leeway for {@code exp} and {@code nbf} between the issuer's clock and the hub's;
 *                  a subscriber's stream also ends at {@code exp} plus this
 */
public record TokenPolicy(Optional<String> issuer, List<String> audiences, Duration clockSkew) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** No issuer or audience check, no leeway: what tests with a fixed clock want. */
    public static final TokenPolicy STRICT = new TokenPolicy(Optional.empty(), List.of(), Duration.ZERO);

    public TokenPolicy {
        Objects.requireNonNull(issuer, "issuer");
        audiences = List.copyOf(audiences);
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalArgumentException("herald.security.jwt.clock-skew must not be negative");
        }
    }
}
