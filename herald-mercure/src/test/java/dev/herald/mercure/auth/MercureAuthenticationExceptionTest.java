package dev.herald.mercure.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MercureAuthenticationExceptionTest {

    @Test
    void noTokenIsABareChallengeInTheMercureRealm() {
        assertThat(new MercureAuthenticationException(new AuthFailure.NoToken(Role.SUBSCRIBER)).challenge())
                .isEqualTo("Bearer realm=\"mercure\"");
    }

    @Test
    void anUnusableTokenIsAnInvalidTokenChallengeInTheMercureRealm() {
        AuthFailure expired = new AuthFailure.Expired(Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(new MercureAuthenticationException(expired).challenge()).isEqualTo("Bearer realm=\"mercure\","
                + " error=\"invalid_token\", error_description=\"token expired at 2026-01-02T03:04:05Z: get a fresh token\"");
    }
}
