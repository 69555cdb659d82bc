package dev.herald.spring.metrics;

import dev.herald.core.hub.Hub;
import dev.herald.core.log.EventLog;
import dev.herald.core.presence.NodeId;
import dev.herald.spring.config.HeraldHubAutoConfiguration;
import dev.herald.spring.config.HubLifecycle;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Herald's meters, when Micrometer is on the class path (with Spring Boot's actuator, they show at
 * {@code /actuator/prometheus} as {@code herald_…}). The counters' binder is also a hub observer,
 * which the hub picks up with every other {@code HubObserver} bean. Every Herald meter carries the
 * {@code node} tag ({@link NodeTag}).
 */
@AutoConfiguration(before = HeraldHubAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public class HeraldMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HeraldMetrics heraldMetrics() {
        return new HeraldMetrics();
    }

    @Bean
    @ConditionalOnMissingBean
    NodeTag heraldNodeTag(NodeId node) {
        return new NodeTag(node);
    }

    @Bean
    @ConditionalOnMissingBean
    LogMeters heraldLogMeters(EventLog eventLog) {
        return new LogMeters(eventLog, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    HubGauges heraldHubGauges(Hub hub, HubLifecycle lifecycle) {
        return new HubGauges(hub, lifecycle);
    }
}
