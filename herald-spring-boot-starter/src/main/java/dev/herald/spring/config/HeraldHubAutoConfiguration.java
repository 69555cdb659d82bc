package dev.herald.spring.config;

import dev.herald.core.hub.Hub;
import dev.herald.core.hub.HubObserver;
import dev.herald.core.log.EventLog;
import dev.herald.core.presence.LocalPresence;
import dev.herald.core.presence.NodeId;
import dev.herald.core.presence.PresenceDirectory;
import dev.herald.spring.logging.ConnectionLog;
import dev.herald.spring.presence.SubscriptionEvents;
import dev.herald.spring.publish.HeraldPublisher;
import dev.herald.spring.publish.PayloadEncoder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link Hub} (closed on shutdown, after {@link HubLifecycle} has drained its streams) and the
 * in-process {@link HeraldPublisher}. Every {@link HubObserver} bean hears the hub.
 */
@AutoConfiguration(after = {HeraldStoreAutoConfiguration.class, JacksonAutoConfiguration.class})
@EnableConfigurationProperties({HeraldProperties.class, HeraldShutdownProperties.class})
public class HeraldHubAutoConfiguration {

    /** Spring Boot's port when {@code server.port} is not set. */
    private static final int DEFAULT_SERVER_PORT = 8080;

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
    ConnectionLog heraldConnectionLog(NodeId node) {
        return new ConnectionLog(node);
    }

    /** {@code herald.node}, or {@code <host>:<server.port>} ({@code <host>-<random>} on a random port). */
    @Bean
    @ConditionalOnMissingBean
    NodeId heraldNodeId(HeraldProperties properties, Environment environment) {
        return properties.configuredNode().orElseGet(() -> NodeId.defaultFor(
                Binder.get(environment).bind("server.port", Integer.class).orElse(DEFAULT_SERVER_PORT)));
    }

    /** Who is subscribed on this node; a shared store's module declares a directory across nodes instead. */
    @Bean
    @ConditionalOnMissingBean(PresenceDirectory.class)
    LocalPresence heraldPresence(Hub hub, NodeId node) {
        return new LocalPresence(hub, node);
    }

    /** {@code herald.presence.events=true}: subscription events, published through the hub (looked up lazily: it hears them). */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "herald.presence.events", havingValue = "true")
    @ConditionalOnMissingBean
    SubscriptionEvents heraldSubscriptionEvents(ObjectProvider<Hub> hub, NodeId node, PayloadEncoder payloadEncoder) {
        return new SubscriptionEvents(hub::getObject, node, payloadEncoder);
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
