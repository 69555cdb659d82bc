package dev.herald.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.core.event.UserId;
import dev.herald.core.testing.MutableClock;
import dev.herald.spring.support.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A token verified once against a fixed key is not verified again, but its expiry still counts. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final HeraldSigningKey key = HeraldSigningKey.fromSecret(TestTokens.SECRET);
    private final MutableClock clock = new MutableClock(NOW);
    private final TokenVerifier verifier = new TokenVerifier(VerificationKeys.hmac(key), TokenPolicy.STRICT, clock);
    private final HeraldTokenIssuer issuer = new HeraldTokenIssuer(key, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenSeenBeforeGivesTheSamePrincipalUntilItExpires() {
        String token = issuer.issue(UserId.of("alice"), TokenGrants.NONE.withPublish("*"), Duration.ofMinutes(5));

        HeraldPrincipal first = verifier.verify(token);
        assertThat(verifier.verify(token)).isSameAs(first);

        clock.set(NOW.plus(Duration.ofMinutes(5)));
        Throwable expired = catchThrowable(() -> verifier.verify(token));
        assertThat(expired).isInstanceOf(AuthenticationException.class);
        assertThat(((AuthenticationException) expired).failure()).isInstanceOf(AuthenticationFailure.TokenExpired.class);
    }

    @Test
    void aTokenThatDiffersInOneByteIsVerifiedAfresh() {
        String token = issuer.issue(UserId.of("alice"), TokenGrants.NONE.withPublish("*"), Duration.ofMinutes(5));
        verifier.verify(token);
        int at = token.lastIndexOf('.') + 5; // inside the signature, where every bit counts
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'Q' : 'A') + token.substring(at + 1);

        Throwable refused = catchThrowable(() -> verifier.verify(forged));

        assertThat(refused).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void onlyFixedKeysAreCachedAndTheCacheIsBounded() {
        VerifiedTokens jwks = new VerifiedTokens(VerificationKeys.jwkSetUri("http://127.0.0.1:1/jwks.json", Duration.ofMinutes(5)));
        HeraldPrincipal principal = verifier.verify(issuer.issue(UserId.of("bob"), TokenGrants.NONE, Duration.ofMinutes(5)));
        jwks.remember("t", principal);
        assertThat(jwks.find("t", NOW)).isEmpty();

        VerifiedTokens fixed = new VerifiedTokens(VerificationKeys.hmac(key));
        for (int i = 0; i <= VerifiedTokens.CAPACITY; i++) {
            fixed.remember("t" + i, principal);
        }
        assertThat(fixed.size()).isLessThanOrEqualTo(VerifiedTokens.CAPACITY);
        assertThat(fixed.find("t" + VerifiedTokens.CAPACITY, NOW)).hasValue(principal);
    }
}
