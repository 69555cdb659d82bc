package dev.herald.redis.autoconfigure;

import dev.herald.core.presence.NodeId;
import dev.herald.core.presence.PresenceDirectory;
import dev.herald.redis.RedisEventLog;
import dev.herald.redis.RedisPresence;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Presence across every node ({@link RedisPresence}) when the hub runs on the Redis log: after the
 * log's configuration, so that it sees the log bean whoever defined it, and before the starter's
 * hub configuration, whose node-local presence then backs off. It is also a hub observer, which the
 * starter's hub picks up with the others.
 */
@AutoConfiguration(after = HeraldRedisAutoConfiguration.class, beforeName = HeraldRedisPresenceAutoConfiguration.STARTER_HUB)
@ConditionalOnBean(RedisEventLog.class)
public class HeraldRedisPresenceAutoConfiguration {

    /** The starter's hub auto-configuration, named so this module needs no compile dependency on it. */
    static final String STARTER_HUB = "dev.herald.spring.config.HeraldHubAutoConfiguration";
    private static final int DEFAULT_SERVER_PORT = 8080;

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(PresenceDirectory.class)
    RedisPresence heraldPresence(RedisEventLog redisEventLog, HeraldRedisProperties redis, ObjectProvider<NodeId> node,
                                 Environment environment) {
        // the starter's herald.node bean; without the starter, the same default it would give
        NodeId id = node.getIfAvailable(() -> NodeId.defaultFor(
                Binder.get(environment).bind("server.port", Integer.class).orElse(DEFAULT_SERVER_PORT)));
        return new RedisPresence(redisEventLog, id, redis.presenceTtl());
    }
}
