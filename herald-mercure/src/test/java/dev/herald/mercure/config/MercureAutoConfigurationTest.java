package dev.herald.mercure.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.mercure.publish.PublishEndpoint;
import dev.herald.mercure.subscribe.SubscribeEndpoint;
import dev.herald.mercure.subscriptions.ActiveSubscriptions;
import dev.herald.mercure.subscriptions.SubscriptionsEndpoint;
import dev.herald.mercure.support.Tokens;
import dev.herald.spring.config.HeraldConfigurationException;
import dev.herald.spring.config.HeraldHubAutoConfiguration;
import dev.herald.spring.config.HeraldSecurityAutoConfiguration;
import dev.herald.spring.config.HeraldStoreAutoConfiguration;
import dev.herald.spring.web.HeraldWebAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** When the Mercure hub is there, and what stops the application from starting. */
class MercureAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, HeraldStoreAutoConfiguration.class,
                    HeraldHubAutoConfiguration.class, HeraldSecurityAutoConfiguration.class,
                    HeraldWebAutoConfiguration.class, MercureAutoConfiguration.class))
            .withPropertyValues("herald.security.jwt.secret=" + Tokens.HERALD_SECRET);

    @Test
    void offUnlessEnabled() {
        runner.withPropertyValues("herald.mercure.publisher-jwt-key=" + Tokens.PUBLISHER_KEY)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(SubscribeEndpoint.class)
                        .doesNotHaveBean(PublishEndpoint.class));
    }

    @Test
    void enabledWithoutSubscriptionsApiOrCors() {
        runner.withPropertyValues("herald.mercure.enabled=true", "herald.mercure.publisher-jwt-key=" + Tokens.PUBLISHER_KEY)
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .hasSingleBean(SubscribeEndpoint.class)
                            .hasSingleBean(PublishEndpoint.class)
                            .doesNotHaveBean(SubscriptionsEndpoint.class)
                            .doesNotHaveBean(ActiveSubscriptions.class)
                            .doesNotHaveBean(FilterRegistrationBean.class);
                    MercureKeys keys = context.getBean(MercureKeys.class);
                    assertThat(keys.subscriber()).as("the publisher key, when no subscriber key is set").isSameAs(keys.publisher());
                });
    }

    @Test
    void withSubscriptionsApiAndCors() {
        runner.withPropertyValues("herald.mercure.enabled=true", "herald.mercure.publisher-jwt-key=" + Tokens.PUBLISHER_KEY,
                        "herald.mercure.subscriber-jwt-key=" + Tokens.SUBSCRIBER_KEY, "herald.mercure.subscriptions=true",
                        "herald.mercure.cors-origins=https://a.example,https://b.example")
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .hasSingleBean(SubscriptionsEndpoint.class)
                            .hasSingleBean(ActiveSubscriptions.class)
                            .hasSingleBean(FilterRegistrationBean.class);
                    assertThat(context.getBean(MercureProperties.class).corsOrigins())
                            .containsExactly("https://a.example", "https://b.example");
                    MercureKeys keys = context.getBean(MercureKeys.class);
                    assertThat(keys.subscriber()).isNotSameAs(keys.publisher());
                });
    }

    @Test
    void aMissingOrShortPublisherKeyStopsTheApplication() {
        runner.withPropertyValues("herald.mercure.enabled=true").run(context -> assertThat(context).getFailure()
                .rootCause().isInstanceOf(HeraldConfigurationException.class)
                .hasMessageContaining("herald.mercure.publisher-jwt-key is not set"));
        runner.withPropertyValues("herald.mercure.enabled=true", "herald.mercure.publisher-jwt-key=short")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().isInstanceOf(HeraldConfigurationException.class)
                        .hasMessageContaining("at least 32 bytes"));
        runner.withPropertyValues("herald.mercure.enabled=true", "herald.mercure.publisher-jwt-key=" + Tokens.PUBLISHER_KEY,
                        "herald.mercure.subscriber-jwt-key=short")
                .run(context -> assertThat(context).getFailure()
                        .rootCause().hasMessageContaining("herald.mercure.subscriber-jwt-key is unusable"));
    }

    @Test
    void propertiesNeverPrintTheKeys() {
        MercureProperties properties = new MercureProperties(true, Tokens.PUBLISHER_KEY, null, false, java.util.List.of(), false);

        assertThat(properties.toString()).doesNotContain(Tokens.PUBLISHER_KEY).contains("publisherJwtKey=******")
                .contains("subscriberJwtKey=unset");
    }
}
