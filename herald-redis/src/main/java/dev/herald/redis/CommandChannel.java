package dev.herald.redis;

import dev.herald.core.log.LogUnavailableException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection that appends and replays, shared by every thread of the node (Lettuce pipelines
 * concurrent commands on one connection), kept alive by a reconnect thread with {@link Backoff}.
 *
 * <p>Lettuce's own auto-reconnect is off on purpose: it re-sends commands that were in flight when
 * the connection dropped, so an {@code XADD} whose reply was lost could be stored twice, and it
 * queues commands while disconnected, so a publish would wait instead of failing. Here a command
 * on a broken connection fails at once with {@link LogUnavailableException} (at most one command
 * timeout when the link hangs), and the connection is replaced in the background.
 */
final class CommandChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandChannel.class);
    /** How often the keeper looks at a healthy connection; a broken one wakes it at once. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final RedisClient client;
    private final Duration timeout;
    private final Backoff backoff;
    private final RedisHealth health;
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    private final Thread keeper;
    private volatile boolean closed;

    CommandChannel(RedisClient client, Duration timeout, Backoff backoff, RedisHealth health) {
        this.client = client;
        this.timeout = timeout;
        this.backoff = backoff;
        this.health = health;
        // one attempt now, so that a log built while Redis is up is usable as soon as it is built
        tryConnect();
        this.keeper = Thread.ofPlatform().name("herald-redis-reconnect").daemon().start(this::keep);
    }

    /**
     * Runs commands on the connection.
     *
     * @throws LogUnavailableException when Redis is unreachable, times out or answers with an error
     */
    <T> T call(Function<RedisCommands<String, String>, T> commands) {
        if (closed) {
            throw new LogUnavailableException("the Redis event log is closed", null);
        }
        StatefulRedisConnection<String, String> current = connection.get();
        if (current == null) {
            throw new LogUnavailableException("Redis is unavailable: "
                    + health.state().lastError().orElse("not connected yet"), null);
        }
        try {
            return commands.apply(current.sync());
        } catch (RedisCommandExecutionException serverError) {
            // Redis answered (LOADING after a restart, OOM, ...): the connection itself is fine
            throw new LogUnavailableException("Redis refused the command: " + serverError.getMessage(), serverError);
        } catch (RedisCommandInterruptedException interrupted) {
            throw new LogUnavailableException("interrupted while waiting for Redis", interrupted);
        } catch (RedisException broken) {
            // closed, reset or timed out: a hung link would hang every later command too
            broken(current, broken);
            throw new LogUnavailableException("Redis is unavailable: " + broken.getMessage(), broken);
        }
    }

    private void broken(StatefulRedisConnection<String, String> current, Throwable cause) {
        if (connection.compareAndSet(current, null)) {
            log.warn("lost the Redis command connection: {}", cause.toString());
            health.commandsDown(cause);
            current.closeAsync();
            LockSupport.unpark(keeper);
        }
    }

    private void keep() {
        int failures = 0;
        while (!closed) {
            StatefulRedisConnection<String, String> current = connection.get();
            if (current != null) {
                if (current.isOpen()) {
                    LockSupport.parkNanos(CHECK_NANOS);
                    continue;
                }
                broken(current, new RedisException("connection closed"));
                continue;
            }
            if (tryConnect()) {
                failures = 0;
            } else {
                if (failures == 0) {
                    log.warn("cannot reach Redis; retrying with backoff: {}", health.state().lastError().orElse("?"));
                }
                LockSupport.parkNanos(backoff.delay(failures++).toNanos());
            }
        }
    }

    private boolean tryConnect() {
        try {
            StatefulRedisConnection<String, String> fresh = client.connect(StringCodec.UTF8);
            fresh.setTimeout(timeout);
            if (closed) {
                fresh.close();
                return false;
            }
            connection.set(fresh);
            health.commandsUp();
            log.info("connected to Redis for commands");
            return true;
        } catch (RuntimeException e) {
            // RedisConnectionException mostly; anything else must not end the reconnect loop either
            health.commandsDown(e);
            log.debug("cannot connect to Redis: {}", e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(keeper);
        StatefulRedisConnection<String, String> current = connection.getAndSet(null);
        if (current != null) {
            current.close();
        }
        try {
            keeper.join(timeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a connect that was in flight during close
        StatefulRedisConnection<String, String> late = connection.getAndSet(null);
        if (late != null) {
            late.close();
        }
    }
}
