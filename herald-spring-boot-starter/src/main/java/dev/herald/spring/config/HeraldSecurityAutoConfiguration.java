package dev.herald.spring.config;

import dev.herald.spring.security.HeraldSigningKey;
import dev.herald.spring.security.HeraldTokenIssuer;
import dev.herald.spring.security.TokenVerifier;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Token verification and issuing with the key of {@code herald.security.jwt.secret}. An application
 * may supply its own {@link HeraldSigningKey} bean instead (herald-server generates one in demo mode).
 */
@AutoConfiguration
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HeraldSigningKey heraldSigningKey(HeraldProperties properties) {
        String secret = properties.security().jwt().secret();
        if (secret == null || secret.isBlank()) {
            throw new HeraldConfigurationException(
                    "herald.security.jwt.secret is not set: Herald cannot verify tokens without it",
                    "Set herald.security.jwt.secret (env HERALD_SECURITY_JWT_SECRET) to a random string of at least "
                            + HeraldSigningKey.MIN_BYTES + " bytes, e.g. the output of 'openssl rand -base64 32',"
                            + " and sign your tokens (HS256) with the same secret.");
        }
        try {
            return HeraldSigningKey.fromSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new HeraldConfigurationException("herald.security.jwt.secret is unusable: " + e.getMessage(),
                    "Use a random string of at least " + HeraldSigningKey.MIN_BYTES
                            + " bytes, e.g. the output of 'openssl rand -base64 32'.");
        }
    }

    @Bean
    @ConditionalOnMissingBean
    TokenVerifier heraldTokenVerifier(HeraldSigningKey key) {
        return new TokenVerifier(key, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    HeraldTokenIssuer heraldTokenIssuer(HeraldSigningKey key) {
        return new HeraldTokenIssuer(key, Clock.systemUTC());
    }
}
