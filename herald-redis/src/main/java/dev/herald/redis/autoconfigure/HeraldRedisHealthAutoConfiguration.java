package dev.herald.redis.autoconfigure;

import dev.herald.redis.RedisEventLog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code heraldRedis} health indicator, when the application has Spring Boot's health support
 * (actuator) and runs on the Redis log. A separate auto-configuration, after the log's, so that it
 * sees the log bean whichever configuration defined it; the indicator itself sits in a nested
 * class because its switch ({@code management.health.herald-redis.enabled}) is a condition from
 * the health module, which must not even be looked at when that module is absent.
 */
@AutoConfiguration(after = HeraldRedisAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(RedisEventLog.class)
public class HeraldRedisHealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("herald-redis")
    static class Indicator {

        @Bean
        @ConditionalOnMissingBean(name = "heraldRedisHealthIndicator")
        RedisHealthIndicator heraldRedisHealthIndicator(RedisEventLog redisEventLog) {
            return new RedisHealthIndicator(redisEventLog.health());
        }
    }
}
