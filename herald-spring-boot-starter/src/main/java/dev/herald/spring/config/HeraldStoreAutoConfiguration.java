package dev.herald.spring.config;

import dev.herald.core.log.EventLog;
import dev.herald.core.log.InMemoryEventLog;
import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The event log: {@code herald.store.type=memory} (the default) is an {@link InMemoryEventLog}.
 * Store modules (embedded, Redis, ...) declare their {@link EventLog} for their own type in an
 * auto-configuration ordered {@code before} this one, which then backs off. A type that no module
 * on the classpath supplies stops the application at start, rather than quietly falling back to
 * memory and losing events on restart.
 */
@AutoConfiguration
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldStoreAutoConfiguration {

    public static final String MEMORY = "memory";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(EventLog.class)
    EventLog heraldEventLog(HeraldProperties properties) {
        String type = properties.store().type().strip().toLowerCase(Locale.ROOT);
        if (!MEMORY.equals(type)) {
            throw new HeraldConfigurationException(
                    "herald.store.type is '" + type + "', but no Herald store module for '" + type
                            + "' is on the classpath (this starter itself provides only '" + MEMORY + "')",
                    "Add the Herald module that provides the '" + type + "' store to the application,"
                            + " or set herald.store.type=" + MEMORY + ".");
        }
        return new InMemoryEventLog(properties.store().retention());
    }
}
