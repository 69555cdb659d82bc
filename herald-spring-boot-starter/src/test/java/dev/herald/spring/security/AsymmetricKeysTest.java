package dev.herald.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.herald.core.event.UserId;
import dev.herald.spring.support.TestKeys;
import dev.herald.spring.support.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RS256/ES256 PEM keys, issuer and audience checks, and the clock-skew leeway. */
class AsymmetricKeysTest {

    private static final RSAKey RSA = TestKeys.rsa("rsa-1");
    private static final ECKey EC = TestKeys.ec("ec-1");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void rs256PublicKeyVerifiesTokensOfItsPrivateKey() {
        TokenVerifier verifier = new TokenVerifier(VerificationKeys.publicKey(TestKeys.pem(RSA)), TokenPolicy.STRICT, Clock.systemUTC());

        assertThat(verifier.verify(TestKeys.sign(RSA, TestKeys.claims("alice").build())).user()).isEqualTo(UserId.of("alice"));
        assertFailure(verifier, TestKeys.sign(TestKeys.rsa("rsa-1"), TestKeys.claims("alice").build()),
                AuthenticationFailure.BadSignature.class, "bad signature");
    }

    @Test
    void es256PublicKeyVerifiesTokensOfItsPrivateKey() {
        TokenVerifier verifier = new TokenVerifier(VerificationKeys.publicKey(TestKeys.pem(EC)), TokenPolicy.STRICT, Clock.systemUTC());

        assertThat(verifier.verify(TestKeys.sign(EC, TestKeys.claims("bob").build())).user()).isEqualTo(UserId.of("bob"));
    }

    @Test
    void algorithmOfAnotherKeyTypeIsRefusedNamingTheAcceptedOne() {
        TokenVerifier verifier = new TokenVerifier(VerificationKeys.publicKey(TestKeys.pem(RSA)), TokenPolicy.STRICT, Clock.systemUTC());

        assertFailure(verifier, TestKeys.sign(EC, TestKeys.claims("bob").build()), AuthenticationFailure.MalformedToken.class,
                "algorithm ES256 is not accepted; tokens must be signed with RS256");
        // the classic confusion attack: HS256 "signed" with the public key as the secret
        assertFailure(verifier, TestTokens.sign(TestKeys.pem(RSA), TestKeys.claims("bob").build()),
                AuthenticationFailure.MalformedToken.class, "algorithm HS256 is not accepted");
    }

    @Test
    void badPemIsRefusedSayingWhy() {
        assertThatThrownBy(() -> VerificationKeys.publicKey("hello")).hasMessageContaining("no PEM block");
        assertThatThrownBy(() -> VerificationKeys.publicKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> VerificationKeys.publicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .hasMessageContaining("neither an RSA nor an EC public key");
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        TokenPolicy policy = new TokenPolicy(Optional.of("https://id.example.com"), List.of("herald"), Duration.ZERO);
        TokenVerifier verifier = new TokenVerifier(VerificationKeys.publicKey(TestKeys.pem(RSA)), policy, Clock.systemUTC());

        assertThat(verifier.verify(TestKeys.sign(RSA, TestKeys.claims("alice").issuer("https://id.example.com")
                .audience(List.of("other", "herald")).build())).user()).isEqualTo(UserId.of("alice"));
        assertFailure(verifier, TestKeys.sign(RSA, TestKeys.claims("alice").issuer("https://evil.example.com").audience("herald").build()),
                AuthenticationFailure.WrongIssuer.class,
                "wrong issuer: the token's iss is 'https://evil.example.com', this hub accepts only 'https://id.example.com'");
        assertFailure(verifier, TestKeys.sign(RSA, TestKeys.claims("alice").audience("herald").build()),
                AuthenticationFailure.WrongIssuer.class, "iss is missing");
        assertFailure(verifier, TestKeys.sign(RSA, TestKeys.claims("alice").issuer("https://id.example.com").audience("billing").build()),
                AuthenticationFailure.WrongAudience.class, "wrong audience: the token's aud is [billing], this hub accepts [herald]");
        assertFailure(verifier, TestKeys.sign(RSA, TestKeys.claims("alice").issuer("https://id.example.com").build()),
                AuthenticationFailure.WrongAudience.class, "aud is missing");
    }

    @Test
    void clockSkewExtendsExpiryAndNotBeforeAndTheStream() {
        TokenPolicy policy = new TokenPolicy(Optional.empty(), List.of(), Duration.ofSeconds(30));
        TokenVerifier verifier = new TokenVerifier(VerificationKeys.publicKey(TestKeys.pem(RSA)), policy, CLOCK);
        Instant exp = NOW.minusSeconds(20);

        HeraldPrincipal principal = verifier.verify(TestKeys.sign(RSA, TestKeys.claims("alice").expirationTime(Date.from(exp)).build()));
        assertThat(principal.expiresAt()).hasValue(exp.plusSeconds(30));

        assertFailure(verifier, TestKeys.sign(RSA, TestKeys.claims("alice").expirationTime(Date.from(NOW.minusSeconds(31))).build()),
                AuthenticationFailure.TokenExpired.class, "token expired at 2026-03-01T11:59:29Z");
        assertThat(verifier.verify(TestKeys.sign(RSA, TestKeys.claims("alice").notBeforeTime(Date.from(NOW.plusSeconds(20))).build())))
                .isNotNull();
        assertFailure(verifier, TestKeys.sign(RSA, TestKeys.claims("alice").notBeforeTime(Date.from(NOW.plusSeconds(40))).build()),
                AuthenticationFailure.TokenNotYetValid.class, "not valid before");
    }

    private static void assertFailure(TokenVerifier verifier, String token, Class<? extends AuthenticationFailure> kind, String message) {
        Throwable thrown = catchThrowable(() -> verifier.verify(token));
        assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessageContaining(message);
        assertThat(((AuthenticationException) thrown).failure()).isInstanceOf(kind);
    }
}
