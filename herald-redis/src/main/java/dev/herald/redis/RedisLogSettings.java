package dev.herald.redis;

import dev.herald.core.log.RetentionPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Redis and how the log behaves on it.
 *
 * @param url         a Redis URI ({@code redis://host:port}, {@code rediss://} for TLS, credentials and
 *                    database in the URI as Lettuce reads them)
 * @param keys        where the log's keys live; every node of one hub must use the same prefix
 * @param retention   how much history replay can reach; every node should use the same policy
 * @param timeout     the longest a command may take, and so the longest an append waits before
 *                    failing with {@link dev.herald.core.log.LogUnavailableException}; also the
 *                    connect timeout
 * @param followBlock how long one blocking {@code XREAD} of the follower waits for new entries; it
 *                    bounds how long the follower takes to notice that it is being stopped, not latency
 * @param backoff     the delays between reconnection attempts
 */
public record RedisLogSettings(String url, KeyLayout keys, RetentionPolicy retention, Duration timeout,
                               Duration followBlock, Backoff backoff) {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_FOLLOW_BLOCK = Duration.ofSeconds(1);

    public RedisLogSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(backoff, "backoff");
        positive(timeout, "timeout");
        positive(followBlock, "follow block");
    }

    /** The defaults for a Redis at {@code url}: prefix {@code herald:}, default retention, 2 s timeout. */
    public static RedisLogSettings of(String url) {
        return new RedisLogSettings(url, new KeyLayout(KeyLayout.DEFAULT_PREFIX), RetentionPolicy.DEFAULT,
                DEFAULT_TIMEOUT, DEFAULT_FOLLOW_BLOCK, Backoff.DEFAULT);
    }

    public RedisLogSettings withKeyPrefix(String prefix) {
        return new RedisLogSettings(url, new KeyLayout(prefix), retention, timeout, followBlock, backoff);
    }

    public RedisLogSettings withRetention(RetentionPolicy value) {
        return new RedisLogSettings(url, keys, value, timeout, followBlock, backoff);
    }

    public RedisLogSettings withTimeout(Duration value) {
        return new RedisLogSettings(url, keys, retention, value, followBlock, backoff);
    }

    public RedisLogSettings withFollowBlock(Duration value) {
        return new RedisLogSettings(url, keys, retention, timeout, value, backoff);
    }

    public RedisLogSettings withBackoff(Backoff value) {
        return new RedisLogSettings(url, keys, retention, timeout, followBlock, value);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
