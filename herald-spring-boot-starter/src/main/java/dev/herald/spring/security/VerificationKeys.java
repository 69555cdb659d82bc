package dev.herald.spring.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where the keys that verify tokens come from, and which algorithms they accept: an HS256 secret, a
 * PEM public key (RSA → RS256, EC P-256 → ES256), or a JWKS URL (RS256 and ES256, keys cached and
 * refetched once when a token names an unknown {@code kid}). The keys are Nimbus {@link JWKSource}s:
 * Nimbus parses, selects, caches and verifies; nothing here is cryptography.
 *
 * @param algorithms  the only algorithms a token may name; anything else (including {@code none}) is refused
 * @param source      the keys
 * @param description how the keys were configured, for messages (never the key material)
 * @param byKeyId     whether a token's {@code kid} selects the key (a key set); a single configured
 *                    key verifies whatever {@code kid} a token names
 */
public record VerificationKeys(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source, String description,
                               boolean byKeyId) {

    public VerificationKeys {
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(description, "description");
    }

    public static VerificationKeys hmac(HeraldSigningKey key) {
        return new VerificationKeys(Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(key.bytes()), "HS256 secret", false);
    }

    /**
     * @param pem an RSA or EC (P-256) public key, {@code -----BEGIN PUBLIC KEY-----} or a certificate
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static VerificationKeys publicKey(String pem) {
        JWK jwk = PemPublicKeys.parse(pem);
        Set<JWSAlgorithm> algorithms;
        if (jwk instanceof RSAKey rsa) {
            if (rsa.size() < 2048) {
                throw new IllegalArgumentException("the RSA key has " + rsa.size() + " bits; RS256 needs at least 2048");
            }
            algorithms = Set.of(JWSAlgorithm.RS256);
        } else if (jwk instanceof ECKey ec) {
            if (!Curve.P_256.equals(ec.getCurve())) {
                throw new IllegalArgumentException("the EC key is on curve " + ec.getCurve() + "; ES256 needs P-256");
            }
            algorithms = Set.of(JWSAlgorithm.ES256);
        } else {
            throw new IllegalArgumentException("a " + jwk.getKeyType() + " key cannot verify RS256 or ES256 tokens");
        }
        return new VerificationKeys(algorithms, new ImmutableJWKSet<>(new JWKSet(jwk)),
                algorithms.iterator().next() + " public key", false);
    }

    /**
     * Keys fetched from an identity provider's JWKS document. Nimbus caches the set for
     * {@code cacheTtl}, fetches it again on the first use after that, and refetches once at once when
     * a token names a {@code kid} the cached set lacks (a key rotation): so a new key works at its
     * first use, and a removed key stops working at the next fetch.
     */
    public static VerificationKeys jwkSetUri(String uri, Duration cacheTtl) {
        URL url;
        try {
            url = URI.create(uri.strip()).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + uri, e);
        }
        if (!url.getProtocol().equals("https") && !url.getProtocol().equals("http")) {
            throw new IllegalArgumentException("not an http(s) URL: " + uri);
        }
        long ttl = cacheTtl.toMillis();
        JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(url)
                .cache(ttl, Math.min(ttl, 15_000))
                .refreshAheadCache(false)
                // one fetch per unknown kid is the contract; the rate limit keeps a flood of made-up
                // kids from turning the hub into a load generator against the identity provider
                .rateLimited(Math.min(ttl, 1_000))
                .build();
        return new VerificationKeys(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), source, "JWKS at " + url, true);
    }
}
