package dev.herald.redis.testing;

import dev.herald.core.log.RetentionPolicy;
import dev.herald.redis.Backoff;
import dev.herald.redis.RedisLogSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Settings for logs under test: a prefix of their own, quick reconnects, a short block. */
public final class TestLogs {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private TestLogs() {
    }

    /** A key prefix no other log of this JVM uses. */
    public static String freshPrefix() {
        return "t" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet() + ":";
    }

    public static RedisLogSettings settings(String url, String prefix, RetentionPolicy retention) {
        return RedisLogSettings.of(url)
                .withKeyPrefix(prefix)
                .withRetention(retention)
                .withTimeout(Duration.ofSeconds(1))
                .withFollowBlock(Duration.ofMillis(500))
                .withBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    public static RedisLogSettings settings(String url, String prefix) {
        return settings(url, prefix, new RetentionPolicy(1000, Duration.ofHours(1)));
    }
}
