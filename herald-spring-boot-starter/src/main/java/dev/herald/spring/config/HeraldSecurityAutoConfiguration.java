package dev.herald.spring.config;

import dev.herald.spring.security.HeraldSigningKey;
import dev.herald.spring.security.HeraldTokenIssuer;
import dev.herald.spring.security.TokenPolicy;
import dev.herald.spring.security.TokenVerifier;
import dev.herald.spring.security.TokenVerifiers;
import dev.herald.spring.security.VerificationKeys;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Token verification with the keys of {@code herald.security.jwt.*}: an HS256 secret, a PEM public
 * key or a JWKS URL, optionally separate ones for publishers and subscribers. An application may
 * supply its own {@link HeraldSigningKey} bean instead of the secret (herald-server does in demo
 * mode). Tokens are issued only with an HS256 key: with public keys, the identity provider issues them.
 */
@AutoConfiguration
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldSecurityAutoConfiguration {

    static final String KEY_PROPERTIES = "herald.security.jwt.secret, herald.security.jwt.public-key or"
            + " herald.security.jwt.jwk-set-uri";

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("herald.security.jwt.secret")
    HeraldSigningKey heraldSigningKey(HeraldProperties properties) {
        return signingKey(properties.security().jwt().secret(), "herald.security.jwt.secret");
    }

    @Bean
    @ConditionalOnMissingBean
    TokenVerifiers heraldTokenVerifiers(HeraldProperties properties, ObjectProvider<HeraldSigningKey> signingKey) {
        HeraldProperties.Security.Jwt jwt = properties.security().jwt();
        TokenPolicy policy = new TokenPolicy(Optional.ofNullable(jwt.issuer()).filter(s -> !s.isBlank()),
                jwt.audience(), jwt.clockSkew());
        Optional<VerificationKeys> common = keys(jwt.keys(), "herald.security.jwt", jwt)
                .or(() -> Optional.ofNullable(signingKey.getIfAvailable()).map(VerificationKeys::hmac));
        VerificationKeys subscribers = roleKeys(jwt.subscriber(), "herald.security.jwt.subscriber", jwt, common);
        VerificationKeys publishers = roleKeys(jwt.publisher(), "herald.security.jwt.publisher", jwt, common);
        return new TokenVerifiers(new TokenVerifier(subscribers, policy, Clock.systemUTC()),
                new TokenVerifier(publishers, policy, Clock.systemUTC()));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(HeraldSigningKey.class)
    HeraldTokenIssuer heraldTokenIssuer(HeraldSigningKey key) {
        return new HeraldTokenIssuer(key, Clock.systemUTC());
    }

    private static VerificationKeys roleKeys(HeraldProperties.Security.Keys role, String prefix,
                                             HeraldProperties.Security.Jwt jwt, Optional<VerificationKeys> common) {
        return keys(role, prefix, jwt).or(() -> common).orElseThrow(() -> new HeraldConfigurationException(
                "no key to verify tokens: none of " + KEY_PROPERTIES + " is set (nor " + prefix + ".*)",
                "Set one of them: herald.security.jwt.secret (env HERALD_SECURITY_JWT_SECRET) to a random string of at"
                        + " least " + HeraldSigningKey.MIN_BYTES + " bytes (e.g. 'openssl rand -base64 32') and sign"
                        + " tokens with HS256; or herald.security.jwt.public-key to your issuer's PEM public key; or"
                        + " herald.security.jwt.jwk-set-uri to its JWKS URL. See docs/security.md."));
    }

    private static Optional<VerificationKeys> keys(HeraldProperties.Security.Keys keys, String prefix,
                                                   HeraldProperties.Security.Jwt jwt) {
        if (keys == null || !keys.configured()) {
            return Optional.empty();
        }
        List<String> set = new ArrayList<>();
        if (has(keys.secret())) {
            set.add(prefix + ".secret");
        }
        if (has(keys.publicKey())) {
            set.add(prefix + ".public-key");
        }
        if (has(keys.jwkSetUri())) {
            set.add(prefix + ".jwk-set-uri");
        }
        if (set.size() > 1) {
            throw new HeraldConfigurationException("more than one key source is set: " + set,
                    "Set exactly one of " + prefix + ".secret, .public-key or .jwk-set-uri.");
        }
        try {
            if (has(keys.secret())) {
                return Optional.of(VerificationKeys.hmac(signingKey(keys.secret(), prefix + ".secret")));
            }
            if (has(keys.publicKey())) {
                return Optional.of(VerificationKeys.publicKey(keys.publicKey()));
            }
            return Optional.of(VerificationKeys.jwkSetUri(keys.jwkSetUri(), jwt.jwkSetCacheTtl()));
        } catch (IllegalArgumentException e) {
            throw new HeraldConfigurationException(set.getFirst() + " is unusable: " + e.getMessage(),
                    "Fix " + set.getFirst() + "; docs/security.md shows each kind of key.");
        }
    }

    private static HeraldSigningKey signingKey(String secret, String property) {
        try {
            return HeraldSigningKey.fromSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new HeraldConfigurationException(property + " is unusable: " + e.getMessage(),
                    "Use a random string of at least " + HeraldSigningKey.MIN_BYTES
                            + " bytes, e.g. the output of 'openssl rand -base64 32'.");
        }
    }

    private static boolean has(String value) {
        return value != null && !value.isBlank();
    }
}
