package dev.herald.redis.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.log.EventLog;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.redis.KeyLayout;
import dev.herald.redis.RedisEventLog;
import dev.herald.redis.RedisPresence;
import dev.herald.redis.testing.RedisServerExtension;
import dev.herald.spring.config.HeraldStoreAutoConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the Redis log is wired, how its properties bind, and that the starter's memory log backs off. */
class HeraldRedisAutoConfigurationTest {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HeraldRedisAutoConfiguration.class,
                    HeraldRedisHealthAutoConfiguration.class, HeraldRedisPresenceAutoConfiguration.class,
                    HeraldStoreAutoConfiguration.class));

    @Test
    void theMemoryStoreStaysTheDefault() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(EventLog.class);
            assertThat(context.getBean(EventLog.class)).isInstanceOf(InMemoryEventLog.class);
            assertThat(context).doesNotHaveBean(RedisEventLog.class);
            assertThat(context).doesNotHaveBean(RedisHealthIndicator.class);
            assertThat(context).doesNotHaveBean(RedisPresence.class);
        });
    }

    @Test
    void storeTypeRedisReplacesTheMemoryLogAndBindsEveryProperty() {
        contexts.withPropertyValues(
                        "herald.store.type=Redis",
                        "herald.redis.url=" + redis.url(),
                        "herald.redis.key-prefix=shop:{eu}:",
                        "herald.redis.timeout=750ms",
                        "herald.redis.reconnect-initial-delay=10ms",
                        "herald.redis.reconnect-max-delay=1s",
                        "herald.redis.presence-ttl=4s",
                        "herald.store.max-events=500",
                        "herald.store.max-age=10m")
                .run(context -> {
                    assertThat(context).hasSingleBean(EventLog.class);
                    RedisEventLog log = context.getBean(RedisEventLog.class);
                    assertThat(log.settings().url()).isEqualTo(redis.url());
                    assertThat(log.settings().keys()).isEqualTo(new KeyLayout("shop:{eu}:"));
                    assertThat(log.settings().timeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(log.settings().backoff().initial()).isEqualTo(Duration.ofMillis(10));
                    assertThat(log.settings().backoff().max()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(log.settings().retention()).isEqualTo(new RetentionPolicy(500, Duration.ofMinutes(10)));
                    assertThat(context.getBean(RedisPresence.class).ttl()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(context.getBean(RedisHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        contexts.withPropertyValues("herald.store.type=redis", "herald.redis.url=" + redis.url())
                .run(context -> {
                    RedisEventLog log = context.getBean(RedisEventLog.class);
                    assertThat(log.settings().keys().prefix()).isEqualTo("herald:");
                    assertThat(log.settings().timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(log.settings().retention()).isEqualTo(RetentionPolicy.DEFAULT);
                });
        // bound without a context: a context would connect to the machine's own Redis at the default URL
        HeraldRedisProperties defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("herald.redis", HeraldRedisProperties.class);
        assertThat(defaults).isEqualTo(new HeraldRedisProperties("redis://127.0.0.1:6379", "herald:",
                Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(15)));
    }

    @Test
    void anUnreachableRedisDoesNotStopTheApplicationButReportsDown() {
        contexts.withPropertyValues("herald.store.type=redis", "herald.redis.url=redis://127.0.0.1:1",
                        "herald.redis.timeout=200ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(RedisHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
                    assertThat(context.getBean(RedisHealthIndicator.class).health().getDetails()).containsKey("lastError");
                });
    }

    @Test
    void anApplicationsOwnLogWinsAndGetsNoRedisHealth() {
        contexts.withPropertyValues("herald.store.type=redis", "herald.redis.url=" + redis.url())
                .withBean(EventLog.class, () -> new InMemoryEventLog(RetentionPolicy.DEFAULT))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(EventLog.class);
                    assertThat(context).doesNotHaveBean(RedisEventLog.class);
                    assertThat(context).doesNotHaveBean(RedisHealthIndicator.class);
                    assertThat(context).doesNotHaveBean(RedisPresence.class);
                });
    }

    @Test
    void anApplicationWithoutHealthSupportGetsTheLogAndNoIndicator() {
        contexts.withPropertyValues("herald.store.type=redis", "herald.redis.url=" + redis.url())
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(RedisEventLog.class);
                    assertThat(context).doesNotHaveBean(RedisHealthIndicator.class);
                });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        contexts.withPropertyValues("herald.store.type=redis", "herald.redis.url=" + redis.url(),
                        "management.health.herald-redis.enabled=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(RedisEventLog.class);
                    assertThat(context).doesNotHaveBean(RedisHealthIndicator.class);
                });
    }
}
