package dev.herald.spring.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code herald.shutdown.*} properties.
 *
 * @param timeout how long a stopping node may take to end its streams and let in-flight publishes
 *                finish; streams still open then are cut (their clients resume by id all the same)
 */
@ConfigurationProperties("herald.shutdown")
public record HeraldShutdownProperties(@DefaultValue("10s") Duration timeout) {

    public HeraldShutdownProperties {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("herald.shutdown.timeout must not be negative, not " + timeout);
        }
    }
}
