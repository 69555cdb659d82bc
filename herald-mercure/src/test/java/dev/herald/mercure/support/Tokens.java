package dev.herald.mercure.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mercure tokens for tests, signed as a Mercure application would sign them (HS256, {@code mercure} claim). */
public final class Tokens {

    public static final String PUBLISHER_KEY = "mercure-test-publisher-key-0123456789abcdef";
    public static final String SUBSCRIBER_KEY = "mercure-test-subscriber-key-0123456789abcdef";
    public static final String HERALD_SECRET = "herald-test-secret-0123456789abcdef0123456789";

    private Tokens() {
    }

    /** A publisher token whose {@code mercure.publish} holds these selectors. */
    public static String publisher(String... selectors) {
        return sign(PUBLISHER_KEY, Map.of("mercure", Map.of("publish", List.of(selectors))), null);
    }

    /** A subscriber token whose {@code mercure.subscribe} holds these selectors. */
    public static String subscriber(String... selectors) {
        return sign(SUBSCRIBER_KEY, Map.of("mercure", Map.of("subscribe", List.of(selectors))), null);
    }

    public static String subscriberWithPayload(Object payload, String... selectors) {
        Map<String, Object> mercure = new LinkedHashMap<>();
        mercure.put("subscribe", List.of(selectors));
        mercure.put("payload", payload);
        return sign(SUBSCRIBER_KEY, Map.of("mercure", mercure), null);
    }

    public static String subscriberExpiringAt(Instant expiresAt, String... selectors) {
        return sign(SUBSCRIBER_KEY, Map.of("mercure", Map.of("subscribe", List.of(selectors))), expiresAt);
    }

    /** Any claims, signed with any key. */
    public static String sign(String key, Map<String, Object> claims, Instant expiresAt) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        if (expiresAt != null) {
            builder.expirationTime(Date.from(expiresAt));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
