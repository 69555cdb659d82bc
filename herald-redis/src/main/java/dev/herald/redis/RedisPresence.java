package dev.herald.redis;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.HubObserver;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.core.presence.LiveSubscription;
import dev.herald.core.presence.NodeId;
import dev.herald.core.presence.PresenceDirectory;
import dev.herald.core.presence.PresenceOrder;
import dev.herald.core.presence.PresenceUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence across every node of a hub on one Redis: each node keeps its live streams in a hash of
 * its own ({@code <prefix>presence:<node>}) with a TTL that it renews every third of the TTL, and
 * lists the others' hashes; a node that dies without closing its streams drops out when its TTL
 * runs out ({@code herald.redis.presence-ttl}).
 *
 * <p>As a {@link HubObserver} it hears streams open and close on the hub's threads, where it only
 * updates a map and marks the stream: a thread of its own ({@code herald-presence}) writes the
 * marked changes and the heartbeat in one script call ({@code presence.lua}), so the hub never
 * waits on Redis. After a failed write, or when the node's hash is found gone (Redis lost its data,
 * or this node was paused past its TTL), the next write replaces the whole hash from the map.
 * Listing answers this node's streams from the map (exact) and the other nodes' from Redis (as
 * of their last write, a few milliseconds behind).
 */
public final class RedisPresence implements PresenceDirectory, HubObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);
    /** Changes per script call: a script blocks Redis while it runs, and Lua's unpack has a stack limit. */
    private static final int BATCH = 500;
    /** The longest wait before retrying a failed write, whatever the TTL. */
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CommandChannel commands;
    private final KeyLayout keys;
    private final NodeId node;
    private final Duration ttl;
    private final long beatNanos;
    private final LuaScript script = LuaScript.load("presence");
    private final Map<String, LiveSubscription> local = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    /** Replace the whole hash on the next write: set at start, so that entries of an earlier life of this node go. */
    private volatile boolean resync = true;
    private volatile boolean closed;
    private final Thread writer;

    /**
     * @param redisLog the node's Redis log, whose command connection presence shares
     * @param ttl      how long a node's entries outlive its last heartbeat
     */
    public RedisPresence(RedisEventLog redisLog, NodeId node, Duration ttl) {
        if (ttl.toMillis() < 300) {
            throw new IllegalArgumentException("the presence TTL must be at least 300ms, not " + ttl);
        }
        this.commands = redisLog.commands();
        this.keys = redisLog.settings().keys();
        this.node = node;
        this.ttl = ttl;
        this.beatNanos = ttl.toNanos() / 3;
        this.writer = Thread.ofPlatform().name("herald-presence").daemon().start(this::run);
    }

    @Override
    public NodeId node() {
        return node;
    }

    /** How long this node's entries outlive its last heartbeat. */
    public Duration ttl() {
        return ttl;
    }

    @Override
    public void connectionOpened(Connection connection) {
        String id = connection.id().toString();
        local.put(id, LiveSubscription.of(node, connection));
        changed.add(id);
        LockSupport.unpark(writer);
    }

    @Override
    public void connectionClosed(Connection connection, CloseCause cause) {
        String id = connection.id().toString();
        local.remove(id);
        changed.add(id);
        LockSupport.unpark(writer);
    }

    @Override
    public List<LiveSubscription> subscriptions() {
        List<LiveSubscription> all = new ArrayList<>(local.values());
        try {
            commands.call(redis -> {
                for (String other : redis.zrange(keys.presenceNodes(), 0, -1)) {
                    if (other.equals(node.value())) {
                        continue;
                    }
                    NodeId otherNode = new NodeId(other);
                    redis.hgetall(keys.presence(otherNode)).forEach((id, value) -> decode(otherNode, id, value, all));
                }
                return null;
            });
        } catch (LogUnavailableException e) {
            throw new PresenceUnavailableException(e.getMessage(), e);
        }
        all.sort(PresenceOrder.INSTANCE);
        return all;
    }

    private static void decode(NodeId node, String id, String value, List<LiveSubscription> into) {
        try {
            into.add(PresenceCodec.decode(node, id, value));
        } catch (IllegalArgumentException e) {
            log.debug("skipping an unreadable presence entry {} of node {}: {}", id, node, e.getMessage());
        }
    }

    private void run() {
        long nextBeat = System.nanoTime();
        long retryNanos = Math.min(beatNanos, MAX_RETRY_NANOS);
        boolean failing = false;
        while (!closed) {
            if (resync || !changed.isEmpty() || System.nanoTime() - nextBeat >= 0) {
                try {
                    write();
                    if (failing) {
                        log.info("presence of node {} is written to Redis again", node);
                        failing = false;
                    }
                    nextBeat = System.nanoTime() + beatNanos;
                } catch (RuntimeException e) {
                    // LogUnavailableException mostly; nothing may end this thread while the node lives
                    resync = true;
                    if (!failing) {
                        log.warn("cannot write the presence of node {} to Redis; retrying: {}", node, e.getMessage());
                        failing = true;
                    }
                    LockSupport.parkNanos(retryNanos);
                    continue;
                }
            }
            LockSupport.parkNanos(Math.max(1, nextBeat - System.nanoTime()));
        }
    }

    /** One round: the changes (or everything, on resync) and the heartbeat. */
    private void write() {
        boolean replace = resync;
        List<String> removals = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        if (replace) {
            resync = false;
            changed.clear();
            local.forEach((id, subscription) -> {
                pairs.add(id);
                pairs.add(PresenceCodec.encode(subscription));
            });
        } else {
            for (Iterator<String> it = changed.iterator(); it.hasNext(); ) {
                String id = it.next();
                it.remove();
                LiveSubscription subscription = local.get(id);
                if (subscription == null) {
                    removals.add(id);
                } else {
                    pairs.add(id);
                    pairs.add(PresenceCodec.encode(subscription));
                }
            }
        }
        boolean exists = false;
        int removed = 0;
        int set = 0;
        do {
            int removeNow = Math.min(BATCH, removals.size() - removed);
            int setNow = Math.min(2 * (BATCH - removeNow), pairs.size() - set);
            List<String> args = new ArrayList<>(4 + removeNow + setNow);
            args.add(Long.toString(ttl.toMillis()));
            args.add(node.value());
            args.add(replace && removed == 0 && set == 0 ? "1" : "0");
            args.add(Integer.toString(removeNow));
            args.addAll(removals.subList(removed, removed + removeNow));
            args.addAll(pairs.subList(set, set + setNow));
            removed += removeNow;
            set += setNow;
            List<Object> reply = commands.call(redis -> script.run(redis,
                    new String[] {keys.presence(node), keys.presenceNodes()}, args.toArray(String[]::new)));
            exists = ((Number) reply.getFirst()).longValue() == 1;
        } while (removed < removals.size() || set < pairs.size());
        if (!exists && !local.isEmpty()) {
            // the hash is gone although this node has streams: it expired (a pause past the TTL) or Redis lost it
            log.warn("the presence entries of node {} had vanished from Redis; writing them again", node);
            resync = true;
        }
    }

    /** Stops writing and removes this node's entries, so that a clean stop leaves nothing to expire. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            commands.call(redis -> {
                redis.del(keys.presence(node));
                return redis.zrem(keys.presenceNodes(), node.value());
            });
        } catch (LogUnavailableException e) {
            log.info("could not remove the presence entries of node {} from Redis; they expire within {}", node, ttl);
        }
    }
}
