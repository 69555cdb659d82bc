package dev.herald.redis.autoconfigure;

import dev.herald.redis.RedisHealth;
import dev.herald.redis.RedisHealthState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The actuator view of {@link RedisHealth}: UP while this node can both append and follow, DOWN
 * otherwise (a load balancer that reads it stops sending publishes that would answer 503). It
 * reports what the connections already know, so a health probe never waits on Redis.
 */
public final class RedisHealthIndicator implements HealthIndicator {

    private final RedisHealth health;

    public RedisHealthIndicator(RedisHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        RedisHealthState state = health.state();
        Health.Builder builder = state.up() ? Health.up() : Health.down();
        builder.withDetail("commands", state.commandsUp() ? "connected" : "disconnected")
                .withDetail("follower", state.followerUp() ? "following" : "disconnected")
                .withDetail("lostEvents", state.lostEvents());
        state.epoch().ifPresent(epoch -> builder.withDetail("epoch", epoch.value()));
        state.lastError().ifPresent(error -> builder.withDetail("lastError", error));
        state.lastErrorAt().ifPresent(at -> builder.withDetail("lastErrorAt", at.toString()));
        return builder.build();
    }
}
