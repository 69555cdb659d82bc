package dev.herald.mercure.config;

import dev.herald.core.hub.Hub;
import dev.herald.core.log.EventLog;
import dev.herald.mercure.auth.CookieOriginPolicy;
import dev.herald.mercure.auth.MercureTokenVerifier;
import dev.herald.mercure.auth.Role;
import dev.herald.mercure.history.LogHead;
import dev.herald.mercure.history.ResumePlanner;
import dev.herald.mercure.publish.PublishEndpoint;
import dev.herald.mercure.subscribe.SubscribeEndpoint;
import dev.herald.mercure.subscriptions.ActiveSubscriptions;
import dev.herald.mercure.subscriptions.SubscriberTracking;
import dev.herald.mercure.subscriptions.SubscriptionEvents;
import dev.herald.mercure.subscriptions.SubscriptionsEndpoint;
import dev.herald.mercure.web.MercureCors;
import dev.herald.mercure.web.MercureExceptionHandler;
import dev.herald.mercure.web.MercurePaths;
import dev.herald.mercure.web.MercurePathErrorResolver;
import dev.herald.spring.config.HeraldHubAutoConfiguration;
import dev.herald.spring.config.HeraldProperties;
import dev.herald.spring.config.HubLifecycle;
import dev.herald.spring.web.EmitterStreams;
import dev.herald.spring.web.HeraldWebAutoConfiguration;
import dev.herald.spring.web.ProblemResponses;
import java.time.Clock;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Mercure protocol at {@code /.well-known/mercure}, on the application's Herald hub and log:
 * only with {@code herald.mercure.enabled=true}. The subscriptions API and subscription events come
 * with {@code herald.mercure.subscriptions=true}, CORS with {@code herald.mercure.cors-origins}.
 */
@AutoConfiguration(after = {HeraldHubAutoConfiguration.class, HeraldWebAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "herald.mercure.enabled")
@EnableConfigurationProperties({MercureProperties.class, HeraldProperties.class})
public class MercureAutoConfiguration {

    @Bean
    MercureKeys mercureKeys(MercureProperties properties) {
        return MercureKeys.from(properties);
    }

    @Bean
    LogHead mercureLogHead(EventLog eventLog) {
        return new LogHead(eventLog);
    }

    @Bean
    ResumePlanner mercureResumePlanner(EventLog eventLog, LogHead head) {
        return new ResumePlanner(eventLog, head);
    }

    @Bean
    EmitterStreams mercureEmitterStreams(Hub hub, HeraldProperties properties) {
        return new EmitterStreams(hub, EmitterStreams.emitterTimeout(properties));
    }

    @Bean
    SubscribeEndpoint mercureSubscribeEndpoint(EmitterStreams streams, HubLifecycle lifecycle, MercureKeys keys,
                                               MercureProperties properties, ResumePlanner planner,
                                               ObjectProvider<ActiveSubscriptions> activeSubscriptions) {
        ActiveSubscriptions active = activeSubscriptions.getIfAvailable();
        SubscriberTracking tracking = active != null ? active : SubscriberTracking.Untracked.INSTANCE;
        return new SubscribeEndpoint(streams, lifecycle, subscriberVerifier(keys), properties.anonymous(), planner,
                tracking);
    }

    @Bean
    PublishEndpoint mercurePublishEndpoint(Hub hub, MercureKeys keys, MercureProperties properties,
                                           HeraldProperties heraldProperties) {
        return new PublishEndpoint(hub, new MercureTokenVerifier(keys.publisher(), Role.PUBLISHER, Clock.systemUTC()),
                new CookieOriginPolicy(properties.corsOrigins()), (int) heraldProperties.publish().maxBytes().toBytes());
    }

    @Bean
    MercureExceptionHandler mercureExceptionHandler(ProblemResponses problems) {
        return new MercureExceptionHandler(problems);
    }

    @Bean
    MercurePathErrorResolver mercurePathErrorResolver(ProblemResponses problems) {
        return new MercurePathErrorResolver(problems);
    }

    /** Only with origins: without, the hub answers no CORS request, as Mercure hubs do. */
    @Bean
    @ConditionalOnProperty(name = "herald.mercure.cors-origins")
    FilterRegistrationBean<MercureCors> mercureCors(MercureProperties properties, ProblemResponses problems) {
        FilterRegistrationBean<MercureCors> registration = new FilterRegistrationBean<>(
                new MercureCors(properties.corsOrigins(), problems));
        registration.addUrlPatterns(MercurePaths.HUB, MercurePaths.HUB + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        // "herald.mercure.cors-origins=" (set, but to nothing) means no origin, hence no CORS
        registration.setEnabled(!properties.corsOrigins().isEmpty());
        return registration;
    }

    private static MercureTokenVerifier subscriberVerifier(MercureKeys keys) {
        return new MercureTokenVerifier(keys.subscriber(), Role.SUBSCRIBER, Clock.systemUTC());
    }

    /** {@code herald.mercure.subscriptions=true}: subscription events and the subscriptions API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "herald.mercure.subscriptions")
    static class Subscriptions {

        /** Also a hub observer (its type says so, for the hub to find it): it hears streams end. */
        @Bean
        ActiveSubscriptions mercureActiveSubscriptions(ObjectProvider<Hub> hub, ObjectProvider<JsonMapper> jsonMapper) {
            SubscriptionEvents events = new SubscriptionEvents(hub::getObject, jsonMapper.getIfAvailable(JsonMapper::shared));
            return new ActiveSubscriptions(events, Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("herald-mercure-subscription-events-", 0).factory()));
        }

        @Bean
        SubscriptionsEndpoint mercureSubscriptionsEndpoint(ActiveSubscriptions tracking, MercureKeys keys, LogHead head,
                                                           ObjectProvider<JsonMapper> jsonMapper) {
            return new SubscriptionsEndpoint(tracking, subscriberVerifier(keys), head,
                    jsonMapper.getIfAvailable(JsonMapper::shared));
        }
    }

    /** On Jetty, the subscriptions API's encoded slashes must get through (see {@link EncodedSlashesOnJetty}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "herald.mercure.subscriptions")
    @ConditionalOnClass(name = {"org.eclipse.jetty.server.Server", "org.springframework.boot.jetty.ConfigurableJettyWebServerFactory"})
    static class JettyEncodedSlashes {

        @Bean
        static EncodedSlashesOnJetty mercureEncodedSlashesOnJetty() {
            return new EncodedSlashesOnJetty();
        }
    }
}
