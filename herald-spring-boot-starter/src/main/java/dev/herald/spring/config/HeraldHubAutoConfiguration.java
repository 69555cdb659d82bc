package dev.herald.spring.config;

import dev.herald.core.hub.Hub;
import dev.herald.core.hub.HubObserver;
import dev.herald.core.log.EventLog;
import dev.herald.spring.logging.ConnectionLog;
import dev.herald.spring.publish.HeraldPublisher;
import dev.herald.spring.publish.PayloadEncoder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Hub} (closed on shutdown, after {@link HubLifecycle} has drained its streams) and the
 * in-process {@link HeraldPublisher}. Every {@link HubObserver} bean hears the hub.
 */
@AutoConfiguration(after = {HeraldStoreAutoConfiguration.class, JacksonAutoConfiguration.class})
@EnableConfigurationProperties({HeraldProperties.class, HeraldShutdownProperties.class})
public class HeraldHubAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Hub heraldHub(EventLog eventLog, HeraldProperties properties, ObjectProvider<HubObserver> observers) {
        return new Hub(eventLog, properties.hubOptions(), HubObservers.of(observers.orderedStream().toList()),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    HubLifecycle heraldHubLifecycle(Hub hub, HeraldProperties properties, HeraldShutdownProperties shutdown,
                                    ApplicationEventPublisher events) {
        return new HubLifecycle(hub, properties.connection().clientRetry(), shutdown.timeout(), events);
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectionLog heraldConnectionLog() {
        return new ConnectionLog();
    }

    @Bean
    @ConditionalOnMissingBean
    PayloadEncoder heraldPayloadEncoder(ObjectProvider<JsonMapper> jsonMapper) {
        return new PayloadEncoder(jsonMapper.getIfAvailable(JsonMapper::shared));
    }

    @Bean
    @ConditionalOnMissingBean
    HeraldPublisher heraldPublisher(Hub hub, PayloadEncoder payloadEncoder) {
        return new HeraldPublisher(hub, payloadEncoder);
    }
}
