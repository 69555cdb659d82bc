package dev.herald.redis.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code herald.redis.*} properties, read when {@code herald.store.type=redis}. Retention is
 * {@code herald.store.max-events} and {@code herald.store.max-age}, shared with the other stores.
 *
 * @param url                   the Redis URI: {@code redis://[user:password@]host:port[/database]},
 *                              {@code rediss://} for TLS
 * @param keyPrefix             prefix of every key of the log; all nodes of one hub use the same one,
 *                              different hubs on one Redis use different ones; on Redis Cluster it
 *                              must hold a hash tag, e.g. {@code herald:{eu}:}
 * @param timeout               the longest a command may take: a publish while Redis is unreachable
 *                              answers 503 after at most this long (at once when the connection is
 *                              known to be down)
 * @param reconnectInitialDelay the first delay before reconnecting; doubles up to the max
 * @param reconnectMaxDelay     the longest delay between reconnection attempts
 * @param presenceTtl           how long a node's entries in the subscriptions list outlive its last
 *                              heartbeat (sent every third of this): a node killed without a clean
 *                              stop drops out of the list after at most this long
 */
@ConfigurationProperties("herald.redis")
public record HeraldRedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("herald:") String keyPrefix,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("100ms") Duration reconnectInitialDelay,
        @DefaultValue("5s") Duration reconnectMaxDelay,
        @DefaultValue("15s") Duration presenceTtl) {

    public HeraldRedisProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("herald.redis.url must be a Redis URI, e.g. redis://127.0.0.1:6379");
        }
        if (keyPrefix == null) {
            throw new IllegalArgumentException("herald.redis.key-prefix must not be null");
        }
        positive(timeout, "herald.redis.timeout");
        positive(reconnectInitialDelay, "herald.redis.reconnect-initial-delay");
        positive(reconnectMaxDelay, "herald.redis.reconnect-max-delay");
        positive(presenceTtl, "herald.redis.presence-ttl");
        if (presenceTtl.toMillis() < 300) {
            throw new IllegalArgumentException("herald.redis.presence-ttl must be at least 300ms, not " + presenceTtl);
        }
        if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
            throw new IllegalArgumentException("herald.redis.reconnect-max-delay must not be below "
                    + "herald.redis.reconnect-initial-delay");
        }
    }

    private static void positive(Duration value, String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
        }
    }
}
