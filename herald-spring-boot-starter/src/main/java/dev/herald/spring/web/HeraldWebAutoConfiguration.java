package dev.herald.spring.web;

import dev.herald.core.hub.Hub;
import dev.herald.core.presence.PresenceDirectory;
import dev.herald.spring.config.HeraldHubAutoConfiguration;
import dev.herald.spring.config.HeraldProperties;
import dev.herald.spring.config.HeraldSecurityAutoConfiguration;
import dev.herald.spring.config.HubLifecycle;
import dev.herald.spring.presence.Presence;
import dev.herald.spring.publish.PayloadEncoder;
import dev.herald.spring.security.Authenticator;
import dev.herald.spring.security.ApplicationIdentity;
import dev.herald.spring.security.HeraldIdentityResolver;
import dev.herald.spring.security.SecurityContextIdentity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.context.annotation.Configuration;
import dev.herald.spring.security.TokenVerifiers;
import dev.herald.spring.web.limits.RateLimiter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP API on Spring MVC, on whatever servlet container the application runs: the endpoints,
 * their token checks and their problem documents.
 */
@AutoConfiguration(after = {HeraldHubAutoConfiguration.class, HeraldSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldWebAutoConfiguration {

    @Bean
    Authenticator heraldAuthenticator(TokenVerifiers verifiers, HeraldProperties properties,
                                      ObjectProvider<ApplicationIdentity> applicationIdentity) {
        return new Authenticator(verifiers.subscribers(), verifiers.publishers(), properties.security().anonymous(),
                applicationIdentity.getIfAvailable(() -> ApplicationIdentity.NONE));
    }

    /**
     * {@code GET /api/subscribe} as a plain servlet beside the {@code DispatcherServlet} (see
     * {@link SubscribeServlet}), at the same place under the dispatcher's path.
     */
    @Bean
    ServletRegistrationBean<SubscribeServlet> heraldSubscribeServlet(Hub hub, Authenticator authenticator,
                                                                     HubLifecycle lifecycle, HeraldProperties properties,
                                                                     ProblemResponses problems,
                                                                     ObjectProvider<DispatcherServletPath> dispatcherPath) {
        AsyncStreams streams = new AsyncStreams(hub, EmitterStreams.emitterTimeout(properties));
        SubscribeServlet servlet = new SubscribeServlet(streams, authenticator, lifecycle,
                new SubscribeLimits(properties.limits()), problems);
        ServletRegistrationBean<SubscribeServlet> registration = servletAt(servlet, "heraldSubscribe", HeraldPaths.SUBSCRIBE,
                dispatcherPath);
        registration.setAsyncSupported(true);
        return registration;
    }

    /**
     * {@code POST /api/events} as a plain servlet beside the {@code DispatcherServlet} (see
     * {@link PublishServlet}), at the same place under the dispatcher's path.
     */
    @Bean
    ServletRegistrationBean<PublishServlet> heraldPublishServlet(Hub hub, PublishGate gate, PublishRequestParser parser,
                                                                 PayloadEncoder payloads, HeraldProperties properties,
                                                                 ProblemResponses problems,
                                                                 ObjectProvider<DispatcherServletPath> dispatcherPath) {
        PublishServlet servlet = new PublishServlet(hub, gate, parser, payloads, (int) properties.publish().maxBytes().toBytes(),
                problems);
        return servletAt(servlet, "heraldPublish", HeraldPaths.EVENTS, dispatcherPath);
    }

    /**
     * {@code POST /api/events/batch} beside it (see {@link BatchPublishServlet}), sharing its checks and
     * the publisher's rate.
     */
    @Bean
    ServletRegistrationBean<BatchPublishServlet> heraldBatchPublishServlet(Hub hub, PublishGate gate, PublishRequestParser parser,
                                                                           PayloadEncoder payloads, HeraldProperties properties,
                                                                           ProblemResponses problems,
                                                                           ObjectProvider<DispatcherServletPath> dispatcherPath) {
        HeraldProperties.Publish publish = properties.publish();
        BatchPublishServlet servlet = new BatchPublishServlet(hub, gate, parser, payloads, publish.maxBatchEvents(),
                (int) publish.maxBatchBytes().toBytes(), problems);
        return servletAt(servlet, "heraldBatchPublish", HeraldPaths.EVENTS_BATCH, dispatcherPath);
    }

    @Bean
    PublishRequestParser heraldPublishRequestParser(ObjectProvider<JsonMapper> jsonMapper) {
        return new PublishRequestParser(jsonMapper.getIfAvailable(JsonMapper::shared));
    }

    /** The publishers' checks and their rate, one allowance per publisher for both publish endpoints. */
    @Bean
    PublishGate heraldPublishGate(Authenticator authenticator, HeraldProperties properties) {
        HeraldProperties.Limits limits = properties.limits();
        return new PublishGate(authenticator, new CookieCsrfGuard(new OriginPolicy(properties.cors().allowedOrigins())),
                new RateLimiter(limits.publishRate(), limits.publishBurst()));
    }

    private static <S extends jakarta.servlet.http.HttpServlet> ServletRegistrationBean<S> servletAt(
            S servlet, String name, String path, ObjectProvider<DispatcherServletPath> dispatcherPath) {
        String mapping = dispatcherPath.getIfAvailable(() -> () -> "").getRelativePath(path);
        ServletRegistrationBean<S> registration = new ServletRegistrationBean<>(servlet, mapping);
        registration.setName(name);
        return registration;
    }

    /**
     * Streams are observed for their handshake, not their life (see {@link StreamHandshakeFilter}), with
     * the convention the observation filter uses: the application's, else the default under
     * {@code management.observations.http.server.requests.name}.
     */
    @Bean
    StreamHandshakeFilter heraldStreamHandshakeFilter(ObjectProvider<ObservationRegistry> registry,
                                                      ObjectProvider<ServerRequestObservationConvention> convention,
                                                      Environment environment) {
        ServerRequestObservationConvention own = convention.getIfAvailable(() -> new DefaultServerRequestObservationConvention(
                environment.getProperty("management.observations.http.server.requests.name", "http.server.requests")));
        return new StreamHandshakeFilter(new StreamHandshakes(registry.getIfAvailable(() -> ObservationRegistry.NOOP), own));
    }

    @Bean
    ObservationPredicate heraldUnobservedStreams() {
        return new UnobservedStreams();
    }

    /** Leaves publishes out of {@code http.server.requests} when {@code herald.publish.request-metrics=false}. */
    @Bean
    @ConditionalOnProperty(name = "herald.publish.request-metrics", havingValue = "false")
    @ConditionalOnClass(name = "org.springframework.http.server.observation.ServerRequestObservationContext")
    ObservationPredicate heraldUntimedPublishRequests() {
        return new UntimedPublishRequests();
    }

    /**
     * Plain filter beans (not registration beans, which applications and other modules count as
     * their own): each filters only the Herald paths, see {@link HeraldPaths#isHeraldEndpoint}.
     * First among the filters, so that a refused origin costs nothing further.
     */
    @Bean
    HeraldCorsFilter heraldCorsFilter(HeraldProperties properties, ProblemResponses problems) {
        return new HeraldCorsFilter(new OriginPolicy(properties.cors().allowedOrigins()), problems);
    }

    @Bean
    QueryLengthFilter heraldQueryLengthFilter(HeraldProperties properties, ProblemResponses problems) {
        return new QueryLengthFilter(properties.limits().maxQueryLength(), problems);
    }

    /**
     * Subscribers logged in to the application through Spring Security, when the application says
     * who they are to Herald with a {@link HeraldIdentityResolver} bean.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SpringSecurityIdentityConfiguration {

        @Bean
        @ConditionalOnBean(HeraldIdentityResolver.class)
        @ConditionalOnMissingBean(ApplicationIdentity.class)
        ApplicationIdentity heraldApplicationIdentity(HeraldIdentityResolver resolver) {
            return new SecurityContextIdentity(resolver);
        }
    }

    @Bean
    SubscriptionsController heraldSubscriptionsController(PresenceDirectory presence, Authenticator authenticator) {
        return new SubscriptionsController(new Presence(presence), authenticator);
    }

    @Bean
    ProblemResponses heraldProblemResponses(ObjectProvider<JsonMapper> jsonMapper) {
        return new ProblemResponses(jsonMapper.getIfAvailable(JsonMapper::shared));
    }

    @Bean
    HeraldExceptionHandler heraldExceptionHandler(ProblemResponses problems) {
        return new HeraldExceptionHandler(problems);
    }

    @Bean
    HeraldPathErrorResolver heraldPathErrorResolver(ProblemResponses problems) {
        return new HeraldPathErrorResolver(problems);
    }
}
