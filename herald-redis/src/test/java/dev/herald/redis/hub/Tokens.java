package dev.herald.redis.hub;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** HS256 bearer tokens as a publisher's backend would mint them: {@code sub} and the {@code herald} claim. */
final class Tokens {

    static final String SECRET = "redis-hub-test-secret-of-at-least-32-bytes";

    private Tokens() {
    }

    static String publisher() {
        return sign("publisher", List.of("*"), List.of());
    }

    static String subscriber(String user, String... privateGrants) {
        return sign(user, List.of(), List.of(privateGrants));
    }

    private static String sign(String subject, List<String> publish, List<String> subscribe) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("herald", Map.of("publish", publish, "subscribe", subscribe))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
