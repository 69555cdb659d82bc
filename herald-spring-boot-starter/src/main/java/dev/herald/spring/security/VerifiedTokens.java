package dev.herald.spring.security;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tokens already verified against keys that cannot change (a configured secret or public key), so
 * that a publisher sending the same token with every request pays for the parse and the signature
 * once (≈ 13 % of a publish request's CPU, docs/scale.md §9). Keyed by the whole compact token, so
 * a token that differs in any byte is verified afresh. A hit still honours the token's expiry; a
 * JWKS key set is never cached here, since a key removed from it must stop working at the next fetch.
 * Bounded: past {@link #CAPACITY} entries it starts over, which costs one verification per token.
 */
final class VerifiedTokens {

    static final int CAPACITY = 1024;

    private final boolean enabled;
    private final ConcurrentMap<String, HeraldPrincipal> byToken = new ConcurrentHashMap<>();

    VerifiedTokens(VerificationKeys keys) {
        this.enabled = keys.source() instanceof ImmutableSecret<?> || keys.source() instanceof ImmutableJWKSet<?>;
    }

    /** The principal of a token verified before and still within its lifetime at {@code now}. */
    Optional<HeraldPrincipal> find(String token, Instant now) {
        if (!enabled) {
            return Optional.empty();
        }
        HeraldPrincipal principal = byToken.get(token);
        if (principal == null) {
            return Optional.empty();
        }
        if (principal.expiresAt().isPresent() && !now.isBefore(principal.expiresAt().get())) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    void remember(String token, HeraldPrincipal principal) {
        if (!enabled) {
            return;
        }
        if (byToken.size() >= CAPACITY) {
            byToken.clear();
        }
        byToken.put(token, principal);
    }

    int size() {
        return byToken.size();
    }
}
