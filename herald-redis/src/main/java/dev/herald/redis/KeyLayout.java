package dev.herald.redis;

import dev.herald.core.event.EventId;
import dev.herald.core.presence.NodeId;
import java.util.Objects;

/**
 * The Redis keys of one log, all under one prefix (default {@code herald:}):
 * <ul>
 *   <li>{@code <prefix>stream} — the one stream of every event, in log order (XADD, XRANGE, XREAD);</li>
 *   <li>{@code <prefix>epoch} — the epoch of this life of the log;</li>
 *   <li>{@code <prefix>count} — events appended in this life, stamped on each entry as {@code n}, so
 *       retention by count is exact although trimming is approximate, and a follower notices a gap;</li>
 *   <li>{@code <prefix>id:<id>} — for a publisher-chosen id, the stream id of its event; expires
 *       with the retention's max age, so the index never outgrows the retained log;</li>
 *   <li>{@code <prefix>presence} — a sorted set of the nodes that keep presence entries, scored by
 *       when their entries expire (an index for listing; cleaned by every node's heartbeat);</li>
 *   <li>{@code <prefix>presence:<node>} — a hash of that node's live streams, stream id → subscription,
 *       with a TTL the node renews while it lives, so a killed node's entries expire by themselves.</li>
 * </ul>
 * Scripts touch several of these keys at once, so on Redis Cluster they must share a slot: put a
 * hash tag in the prefix ({@code herald:{eu}:}). Why one stream and not one per topic or user is in
 * docs/redis.md.
 */
public record KeyLayout(String prefix) {

    public static final String DEFAULT_PREFIX = "herald:";

    public KeyLayout {
        Objects.requireNonNull(prefix, "prefix");
    }

    public String stream() {
        return prefix + "stream";
    }

    public String epoch() {
        return prefix + "epoch";
    }

    public String count() {
        return prefix + "count";
    }

    public String presenceNodes() {
        return prefix + "presence";
    }

    public String presence(NodeId node) {
        return prefix + "presence:" + node.value();
    }

    public String publisherId(EventId id) {
        return prefix + "id:" + id.value();
    }
}
