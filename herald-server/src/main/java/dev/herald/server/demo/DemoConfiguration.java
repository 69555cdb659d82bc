package dev.herald.server.demo;

import dev.herald.spring.security.HeraldSigningKey;
import dev.herald.spring.security.HeraldTokenIssuer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Demo mode: with no {@code herald.security.jwt.secret}, nobody could hold a valid token, so the
 * server makes up a secret for this run, prints it with ready tokens, and hands out tokens at
 * {@code /demo/token}. Any configured key turns all of this off, and on a non-loopback address the
 * server refuses to start in demo mode unless {@code herald.demo.force=true}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoModeCondition.class)
class DemoConfiguration {

    @Bean
    DemoSecret demoSecret(Environment environment) {
        DemoExposureGuard.check(environment);
        return new DemoSecret(HeraldSigningKey.randomSecret());
    }

    /** Replaces the starter's key from the property, which is unset here. */
    @Bean
    HeraldSigningKey demoSigningKey(DemoSecret secret) {
        return HeraldSigningKey.fromSecret(secret.value());
    }

    @Bean
    DemoTokens demoTokens(HeraldTokenIssuer issuer) {
        return new DemoTokens(issuer);
    }

    @Bean
    DemoBanner demoBanner(DemoSecret secret, DemoTokens tokens) {
        return new DemoBanner(secret, tokens);
    }
}
