package dev.herald.spring.web;

import dev.herald.core.hub.Hub;
import dev.herald.spring.config.HeraldHubAutoConfiguration;
import dev.herald.spring.config.HeraldProperties;
import dev.herald.spring.config.HeraldSecurityAutoConfiguration;
import dev.herald.spring.config.HubLifecycle;
import dev.herald.spring.presence.Presence;
import dev.herald.spring.publish.PayloadEncoder;
import dev.herald.spring.security.Authenticator;
import dev.herald.spring.security.TokenVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
    Authenticator heraldAuthenticator(TokenVerifier verifier, HeraldProperties properties) {
        return new Authenticator(verifier, properties.security().anonymous());
    }

    @Bean
    SubscribeController heraldSubscribeController(Hub hub, Authenticator authenticator, HubLifecycle lifecycle,
                                                  HeraldProperties properties) {
        EmitterStreams streams = new EmitterStreams(hub, EmitterStreams.emitterTimeout(properties));
        return new SubscribeController(streams, authenticator, lifecycle);
    }

    @Bean
    PublishController heraldPublishController(Hub hub, Authenticator authenticator, PayloadEncoder payloads,
                                              ObjectProvider<JsonMapper> jsonMapper, HeraldProperties properties) {
        PublishRequestParser parser = new PublishRequestParser(jsonMapper.getIfAvailable(JsonMapper::shared));
        return new PublishController(hub, authenticator, parser, payloads, (int) properties.publish().maxBytes().toBytes());
    }

    @Bean
    SubscriptionsController heraldSubscriptionsController(Hub hub, Authenticator authenticator) {
        return new SubscriptionsController(new Presence(hub), authenticator);
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
