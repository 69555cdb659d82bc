package dev.herald.redis;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The state of a node's link to Redis, updated by the command connection and the follower and read
 * by anything that reports health (the Spring module turns it into an actuator health indicator).
 * One immutable {@link RedisHealthState} swapped atomically: readers never lock, writers never block.
 */
public final class RedisHealth {

    private final Clock clock;
    private final AtomicReference<RedisHealthState> state = new AtomicReference<>(new RedisHealthState(
            false, true, Optional.empty(), Optional.empty(), Optional.empty(), 0));

    RedisHealth(Clock clock) {
        this.clock = clock;
    }

    /** The state now. */
    public RedisHealthState state() {
        return state.get();
    }

    void commandsUp() {
        update(s -> new RedisHealthState(true, s.followerUp(), s.lastError(), s.lastErrorAt(), s.epoch(), s.lostEvents()));
    }

    void commandsDown(Throwable error) {
        update(s -> new RedisHealthState(false, s.followerUp(), Optional.of(describe(error)),
                Optional.of(clock.instant()), s.epoch(), s.lostEvents()));
    }

    void followerUp() {
        if (!state.get().followerUp()) {
            update(s -> new RedisHealthState(s.commandsUp(), true, s.lastError(), s.lastErrorAt(), s.epoch(), s.lostEvents()));
        }
    }

    void followerDown(Throwable error) {
        update(s -> new RedisHealthState(s.commandsUp(), false, Optional.of(describe(error)),
                Optional.of(clock.instant()), s.epoch(), s.lostEvents()));
    }

    void epoch(Epoch epoch) {
        if (!state.get().epoch().equals(Optional.of(epoch))) {
            update(s -> new RedisHealthState(s.commandsUp(), s.followerUp(), s.lastError(), s.lastErrorAt(),
                    Optional.of(epoch), s.lostEvents()));
        }
    }

    void lost(long events) {
        update(s -> new RedisHealthState(s.commandsUp(), s.followerUp(), s.lastError(), s.lastErrorAt(), s.epoch(),
                s.lostEvents() + events));
    }

    private void update(UnaryOperator<RedisHealthState> change) {
        state.updateAndGet(change);
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
