package dev.herald.core.presence;

import java.util.List;

/**
 * Who is subscribed now: the live streams of this node, or of every node of the hub for a
 * directory on a shared store. Mercure's "list subscribers" ability, kept apart from
 * {@code EventLog} because a store may have one without the other.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>This node</b> is always exact: a stream appears from its opening until it closes.</li>
 *   <li><b>Other nodes</b> (shared directories) are seen with a short lag, and a node that dies without
 *       saying so disappears after a bounded time (for Redis, the presence TTL), never not at all.</li>
 *   <li><b>Order</b>: by opening time, then node and id, so that a listing is stable.</li>
 *   <li><b>Threads</b>: safe to call from any thread; a call may wait on the store (request threads
 *       only, never a hub thread).</li>
 * </ul>
 */
public interface PresenceDirectory {

    /**
     * The live subscriptions.
     *
     * @throws PresenceUnavailableException when a shared store cannot be read now
     */
    List<LiveSubscription> subscriptions();

    /** The node this directory runs on. */
    NodeId node();
}
