package dev.herald.spring.health;

import dev.herald.core.hub.Hub;
import dev.herald.spring.config.HubLifecycle;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code herald} health component: UP with this node's stream count while it serves, OUT_OF_SERVICE
 * while it drains on shutdown (it refuses new streams then). Part of the readiness group in
 * herald-server, so that a load balancer sends no new clients to a node that is going away.
 */
public final class HubHealthIndicator implements HealthIndicator {

    private final Hub hub;
    private final HubLifecycle lifecycle;

    public HubHealthIndicator(Hub hub, HubLifecycle lifecycle) {
        this.hub = hub;
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        Health.Builder health = lifecycle.accepting() ? Health.up() : Health.outOfService().withDetail("draining", true);
        return health.withDetail("connections", hub.connectionCount()).build();
    }
}
