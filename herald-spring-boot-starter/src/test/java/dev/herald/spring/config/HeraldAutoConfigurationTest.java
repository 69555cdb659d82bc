package dev.herald.spring.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.hub.Hub;
import dev.herald.core.presence.LocalPresence;
import dev.herald.core.presence.NodeId;
import dev.herald.core.presence.PresenceDirectory;
import dev.herald.spring.presence.SubscriptionEvents;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.spring.publish.HeraldPublisher;
import dev.herald.spring.security.HeraldSigningKey;
import dev.herald.spring.support.SwitchableEventLog;
import dev.herald.spring.support.TestTokens;
import dev.herald.spring.web.HeraldWebAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The auto-configuration without a server: which beans, which store, which start-up failures. */
class HeraldAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, HeraldStoreAutoConfiguration.class,
                    HeraldHubAutoConfiguration.class, HeraldSecurityAutoConfiguration.class, HeraldWebAutoConfiguration.class))
            .withPropertyValues("herald.security.jwt.secret=" + TestTokens.SECRET);

    @Test
    void defaultsGiveMemoryLogHubAndPublisherWithTheDocumentedProperties() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(InMemoryEventLog.class).hasSingleBean(Hub.class)
                    .hasSingleBean(HeraldPublisher.class).doesNotHaveBean("heraldSubscribeServlet")
                    .doesNotHaveBean(SubscriptionEvents.class);
            HeraldProperties properties = context.getBean(HeraldProperties.class);
            assertThat(properties.heartbeat()).hasSeconds(15);
            assertThat(properties.connection().maxLifetime()).hasMinutes(30);
            assertThat(properties.connection().lifetimeJitter()).isEqualTo(0.2);
            assertThat(properties.publish().maxBytes().toKilobytes()).isEqualTo(64);
            assertThat(properties.security().anonymous()).isFalse();
            assertThat(properties.store().type()).isEqualTo("memory");
            assertThat(properties.store().maxEvents()).isEqualTo(10_000);
            assertThat(properties.store().maxAge()).hasHours(1);
            assertThat(context.getBean(Hub.class).options().heartbeat()).hasSeconds(15);
        });
    }

    @Test
    void theNodeIsNamedByHeraldNodeOrElseByHostAndPort() {
        runner.withPropertyValues("herald.node=eu-west-1a").run(context -> {
            assertThat(context.getBean(NodeId.class)).isEqualTo(new NodeId("eu-west-1a"));
            assertThat(context.getBean(PresenceDirectory.class)).isInstanceOf(LocalPresence.class);
            assertThat(context.getBean(PresenceDirectory.class).node()).isEqualTo(new NodeId("eu-west-1a"));
        });
        runner.withPropertyValues("server.port=8443").run(context ->
                assertThat(context.getBean(NodeId.class).value()).endsWith(":8443"));
        runner.withPropertyValues("server.port=0").run(context ->
                assertThat(context.getBean(NodeId.class).value()).matches("[A-Za-z0-9._-]+-[0-9a-z]+"));
        runner.withPropertyValues("herald.node=two words").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("herald.node");
        });
    }

    @Test
    void applicationsOwnEventLogReplacesTheMemoryLog() {
        runner.withBean(SwitchableEventLog.class, SwitchableEventLog::new).run(context -> {
            assertThat(context).hasSingleBean(EventLog.class).doesNotHaveBean(InMemoryEventLog.class);
            assertThat(context.getBean(EventLog.class)).isInstanceOf(SwitchableEventLog.class);
        });
    }

    @Test
    void storeTypeWithoutItsModuleFailsAtStartSayingWhatToDo() {
        runner.withPropertyValues("herald.store.type=redis").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("herald.store.type is 'redis'").contains("no Herald store module");
            assertThat(analysis.getAction()).contains("herald.store.type=memory");
        });
    }

    @Test
    void missingSecretFailsAtStartSayingWhatToDo() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HeraldSecurityAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("no key to verify tokens").contains("herald.security.jwt.secret");
                    assertThat(analysis.getAction()).contains("HERALD_SECURITY_JWT_SECRET");
                });
    }

    @Test
    void shortSecretFailsAtStart() {
        runner.withPropertyValues("herald.security.jwt.secret=short").run(context -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure()).getDescription()).contains("at least 32 bytes");
        });
    }

    @Test
    void invalidPropertyValueFailsNamingTheProperty() {
        runner.withPropertyValues("herald.connection.lifetime-jitter=1.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("herald.connection.lifetime-jitter");
        });
    }

    @Test
    void applicationsSigningKeyIsUsedInsteadOfTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HeraldSecurityAutoConfiguration.class))
                .withBean(HeraldSigningKey.class, () -> HeraldSigningKey.fromSecret(HeraldSigningKey.randomSecret()))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(HeraldSigningKey.class));
    }

    @Test
    void webApplicationGetsTheEndpoints() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, HeraldStoreAutoConfiguration.class,
                        HeraldHubAutoConfiguration.class, HeraldSecurityAutoConfiguration.class, HeraldWebAutoConfiguration.class))
                .withPropertyValues("herald.security.jwt.secret=" + TestTokens.SECRET)
                .run(context -> assertThat(context).hasBean("heraldSubscribeServlet").hasBean("heraldPublishServlet"));
    }

    private static FailureAnalysis analyze(Throwable failure) {
        return new HeraldConfigurationFailureAnalyzer().analyze(failure);
    }
}
