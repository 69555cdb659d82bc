package dev.herald.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.event.UserId;
import dev.herald.core.topic.AnyTopic;
import dev.herald.core.topic.Topic;
import dev.herald.spring.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TokenVerifier: which failure a bad token is reported as, and what a good one grants. */
class TokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final HeraldSigningKey key = HeraldSigningKey.fromSecret(TestTokens.SECRET);
    private final TokenVerifier verifier = new TokenVerifier(key, Clock.fixed(NOW, ZoneOffset.UTC));
    private final HeraldTokenIssuer issuer = new HeraldTokenIssuer(key, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuedTokenYieldsUserGrantsAndExpiry() {
        String token = issuer.issue(UserId.of("alice"), TokenGrants.NONE.withSubscribe("orders/{id}").withPublish("*"),
                Duration.ofMinutes(5));

        HeraldPrincipal principal = verifier.verify(token);

        assertThat(principal.user()).isEqualTo(UserId.of("alice"));
        assertThat(principal.grants().subscribe()).extracting(s -> s.expression()).containsExactly("orders/{id}");
        assertThat(principal.grants().publish()).containsExactly(AnyTopic.INSTANCE);
        assertThat(principal.expiresAt()).hasValue(NOW.plus(Duration.ofMinutes(5)));
        assertThat(principal.firstTopicNotPublishable(List.of(Topic.of("anything")))).isEmpty();
    }

    @Test
    void tokenWithoutHeraldClaimGrantsNothing() {
        HeraldPrincipal principal = verifier.verify(sign(claims().build()));

        assertThat(principal.grants()).isEqualTo(TokenGrants.NONE);
        assertThat(principal.firstTopicNotPublishable(List.of(Topic.of("users/alice")))).hasValue(Topic.of("users/alice"));
    }

    @Test
    void garbageIsMalformed() {
        assertFailure("not-a-token", AuthenticationFailure.MalformedToken.class, "malformed token: not a signed JWT");
    }

    @Test
    void unsignedAndOtherAlgorithmsAreRefused() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertFailure(unsigned, AuthenticationFailure.MalformedToken.class, "malformed token");

        String hs512 = signWith(JWSAlgorithm.HS512, "a-secret-long-enough-for-hs512-which-needs-sixty-four-bytes-of-key", claims().build());
        assertFailure(hs512, AuthenticationFailure.MalformedToken.class, "algorithm HS512 is not accepted");
    }

    @Test
    void otherKeyIsBadSignature() {
        assertFailure(TestTokens.signedWithAnotherKey(), AuthenticationFailure.BadSignature.class, "bad signature");
    }

    @Test
    void tamperedPayloadIsBadSignature() {
        String[] parts = sign(claims().build()).split("\\.");
        String otherPayload = sign(claims().subject("mallory").build()).split("\\.")[1];

        assertFailure(parts[0] + "." + otherPayload + "." + parts[2], AuthenticationFailure.BadSignature.class, "bad signature");
    }

    @Test
    void expiredTokenSaysWhen() {
        Instant expiry = NOW.minusSeconds(1);
        String token = sign(claims().expirationTime(Date.from(expiry)).build());

        AuthenticationException e = assertFailure(token, AuthenticationFailure.TokenExpired.class, "token expired at 2026-03-01T11:59:59Z");
        assertThat(e.failure()).isEqualTo(new AuthenticationFailure.TokenExpired(expiry));
    }

    @Test
    void tokenBeforeItsNotBeforeIsRefused() {
        String token = sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());

        assertFailure(token, AuthenticationFailure.TokenNotYetValid.class, "token not valid before 2026-03-01T12:01:00Z");
    }

    @Test
    void missingSubjectIsMalformed() {
        String token = sign(new JWTClaimsSet.Builder().expirationTime(Date.from(NOW.plusSeconds(60))).build());

        assertFailure(token, AuthenticationFailure.MalformedToken.class, "no 'sub' claim");
    }

    @Test
    void wronglyShapedHeraldClaimIsMalformed() {
        assertFailure(sign(claims().claim("herald", "everything").build()), AuthenticationFailure.MalformedToken.class,
                "claim 'herald' must be a JSON object");
        assertFailure(sign(claims().claim("herald", Map.of("publish", "*")).build()), AuthenticationFailure.MalformedToken.class,
                "claim 'herald.publish' must be an array");
        assertFailure(sign(claims().claim("herald", Map.of("subscribe", List.of("a/{"))).build()),
                AuthenticationFailure.MalformedToken.class, "claim 'herald.subscribe': unclosed '{'");
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("alice").expirationTime(Date.from(NOW.plusSeconds(60)));
    }

    private static String sign(JWTClaimsSet claims) {
        return TestTokens.sign(TestTokens.SECRET, claims);
    }

    private static String signWith(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private AuthenticationException assertFailure(String token, Class<? extends AuthenticationFailure> kind, String message) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> verifier.verify(token));
        assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessageContaining(message);
        AuthenticationException e = (AuthenticationException) thrown;
        assertThat(e.failure()).isInstanceOf(kind);
        return e;
    }

    @Test
    void shortSecretIsRefused() {
        assertThatThrownBy(() -> HeraldSigningKey.fromSecret("too-short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }
}
