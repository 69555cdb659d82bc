package dev.herald.mercure.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified token.
 *
 * @param claims    its {@code mercure} claim
 * @param expiresAt its {@code exp}, when present: a subscriber's stream ends then
 */
public record MercureToken(MercureClaims claims, Optional<Instant> expiresAt) {

    public MercureToken {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
