package dev.herald.spring.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.event.UserId;
import dev.herald.spring.security.HeraldSigningKey;
import dev.herald.spring.security.HeraldTokenIssuer;
import dev.herald.spring.security.TokenGrants;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** Tokens for the tests, signed with {@link #SECRET} (the hub's key in every test context) or deliberately not. */
public final class TestTokens {

    public static final String SECRET = "test-secret-of-at-least-thirty-two-bytes!";
    private static final HeraldTokenIssuer ISSUER =
            new HeraldTokenIssuer(HeraldSigningKey.fromSecret(SECRET), Clock.systemUTC());

    private TestTokens() {
    }

    /** A subscriber: personal topic, plus private events of {@code subscribeGrants}. */
    public static String user(String user, String... subscribeGrants) {
        return ISSUER.issue(UserId.of(user), TokenGrants.NONE.withSubscribe(subscribeGrants), Duration.ofHours(1));
    }

    /** A token that may publish to {@code publishGrants}. */
    public static String publisher(String... publishGrants) {
        return ISSUER.issue(UserId.of("publisher"), TokenGrants.NONE.withPublish(publishGrants), Duration.ofHours(1));
    }

    public static String expiredAt(Instant expiry) {
        return ISSUER.issue(UserId.of("alice"), TokenGrants.NONE.withPublish("*"), expiry);
    }

    /** A well-formed token for alice signed with another key. */
    public static String signedWithAnotherKey() {
        return sign("another-secret-that-is-thirty-two-bytes-long",
                new JWTClaimsSet.Builder().subject("alice").expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                        .claim("herald", Map.of("publish", java.util.List.of("*"))).build());
    }

    public static String sign(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
