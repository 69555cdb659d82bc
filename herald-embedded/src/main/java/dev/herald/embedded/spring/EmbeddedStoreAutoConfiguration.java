package dev.herald.embedded.spring;

import dev.herald.core.log.EventLog;
import dev.herald.embedded.EmbeddedEventLog;
import dev.herald.embedded.EmbeddedStoreOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@code herald.store.type=embedded}: the event log is an {@link EmbeddedEventLog} in
 * {@code herald.store.path}. Ordered before the starter's store auto-configuration, whose in-memory
 * log then backs off. The log is closed (pending appends synced, file closed) when the context
 * closes.
 */
@AutoConfiguration(beforeName = EmbeddedStoreAutoConfiguration.STARTER_STORE_AUTO_CONFIGURATION)
@ConditionalOnProperty(prefix = "herald.store", name = "type", havingValue = EmbeddedStoreAutoConfiguration.TYPE)
@EnableConfigurationProperties(EmbeddedStoreProperties.class)
public class EmbeddedStoreAutoConfiguration {

    /** The value of {@code herald.store.type} that selects this store. */
    public static final String TYPE = "embedded";
    /** Named, not referenced: this module does not depend on the starter. */
    static final String STARTER_STORE_AUTO_CONFIGURATION = "dev.herald.spring.config.HeraldStoreAutoConfiguration";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(EventLog.class)
    EmbeddedEventLog heraldEventLog(EmbeddedStoreProperties properties) {
        return EmbeddedEventLog.open(EmbeddedStoreOptions.in(properties.directory())
                .withRetention(properties.retention())
                .withFlush(properties.flushPolicy()));
    }
}
