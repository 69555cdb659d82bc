package dev.herald.spring.security;

import java.util.Objects;

/**
 * The verifiers of the two roles: the same one unless {@code herald.security.jwt.publisher.*} or
 * {@code herald.security.jwt.subscriber.*} configure separate keys.
 */
public record TokenVerifiers(TokenVerifier subscribers, TokenVerifier publishers) {

    public TokenVerifiers {
        Objects.requireNonNull(subscribers, "subscribers");
        Objects.requireNonNull(publishers, "publishers");
    }
}
