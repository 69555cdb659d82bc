package dev.herald.redis;

import java.time.Instant;
import java.util.Optional;

/**
 * What a node knows about its Redis at one moment: a value for health endpoints and logs.
 *
 * @param commandsUp    whether the command connection (appends, replays) is connected
 * @param followerUp    whether the follower is reading the stream, or no follower runs
 * @param lastError     the most recent failure, if any ever happened (kept after recovery, for diagnosis)
 * @param lastErrorAt   when it happened
 * @param epoch         the epoch of the log's current life, once this node has seen it
 * @param lostEvents    events the follower found missing from the stream (trimmed before this node
 *                      read them, or lost by Redis); live streams on this node did not get them
 */
public record RedisHealthState(
        boolean commandsUp,
        boolean followerUp,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt,
        Optional<Epoch> epoch,
        long lostEvents) {

    /** Up when this node can both append and receive every node's events. */
    public boolean up() {
        return commandsUp && followerUp;
    }
}
