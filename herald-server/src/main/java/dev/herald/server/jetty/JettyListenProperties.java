package dev.herald.server.jetty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the standalone hub's Jetty listens.
 *
 * @param acceptQueueSize connections the kernel holds, completed but not yet accepted, before it drops
 *                        new ones (the {@code listen(2)} backlog; Linux caps it at
 *                        {@code net.core.somaxconn}). Jetty's default leaves it to Java, which asks for
 *                        50: in a reconnect storm (thousands of browsers back within a second) a dropped
 *                        SYN is retried by the client only after 1, 3 and 7 s.
 */
@ConfigurationProperties("herald.jetty")
public record JettyListenProperties(@DefaultValue("4096") int acceptQueueSize) {

    public JettyListenProperties {
        if (acceptQueueSize < 1) {
            throw new IllegalArgumentException("herald.jetty.accept-queue-size must be at least 1, was "
                    + acceptQueueSize);
        }
    }
}
