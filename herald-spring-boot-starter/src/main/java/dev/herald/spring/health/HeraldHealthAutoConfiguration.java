package dev.herald.spring.health;

import dev.herald.core.hub.Hub;
import dev.herald.spring.config.HeraldHubAutoConfiguration;
import dev.herald.spring.config.HubLifecycle;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code herald} health indicator, when the application has Spring Boot's health support. The
 * indicator sits in a nested class because its switch ({@code management.health.herald.enabled}) is
 * a condition of the health module, which must not be looked at when that module is absent.
 */
@AutoConfiguration(after = HeraldHubAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class HeraldHealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("herald")
    static class Indicator {

        @Bean
        @ConditionalOnMissingBean(name = "heraldHealthIndicator")
        HubHealthIndicator heraldHealthIndicator(Hub hub, HubLifecycle lifecycle) {
            return new HubHealthIndicator(hub, lifecycle);
        }
    }
}
