package dev.herald.redis.autoconfigure;

import dev.herald.core.log.EventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.redis.Backoff;
import dev.herald.redis.RedisEventLog;
import dev.herald.redis.RedisLogSettings;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The Redis event log for {@code herald.store.type=redis}. Ordered before the starter's store
 * configuration, whose in-memory log is {@code @ConditionalOnMissingBean} and so backs off. The
 * log is closed with the context (after the hub, which depends on it). Its actuator health
 * indicator is {@link HeraldRedisHealthAutoConfiguration}.
 */
@AutoConfiguration(beforeName = HeraldRedisAutoConfiguration.STARTER_STORE)
@ConditionalOnProperty(name = "herald.store.type", havingValue = "redis")
@EnableConfigurationProperties(HeraldRedisProperties.class)
public class HeraldRedisAutoConfiguration {

    /** The starter's store auto-configuration, named so this module needs no compile dependency on it. */
    static final String STARTER_STORE = "dev.herald.spring.config.HeraldStoreAutoConfiguration";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(EventLog.class)
    RedisEventLog heraldEventLog(HeraldRedisProperties redis, Environment environment) {
        return new RedisEventLog(settings(redis, retention(environment)));
    }

    static RedisLogSettings settings(HeraldRedisProperties redis, RetentionPolicy retention) {
        return RedisLogSettings.of(redis.url())
                .withKeyPrefix(redis.keyPrefix())
                .withRetention(retention)
                .withTimeout(redis.timeout())
                .withBackoff(new Backoff(redis.reconnectInitialDelay(), redis.reconnectMaxDelay()));
    }

    /**
     * {@code herald.store.max-events} and {@code herald.store.max-age}: the starter's properties,
     * bound by name here with the same defaults, so that the log is configured the same way whether
     * or not the starter is present.
     */
    static RetentionPolicy retention(Environment environment) {
        Binder binder = Binder.get(environment);
        int maxEvents = binder.bind("herald.store.max-events", Integer.class).orElse(RetentionPolicy.DEFAULT_MAX_EVENTS);
        Duration maxAge = binder.bind("herald.store.max-age", Duration.class).orElse(RetentionPolicy.DEFAULT_MAX_AGE);
        return new RetentionPolicy(maxEvents, maxAge);
    }
}
