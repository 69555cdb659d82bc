package dev.herald.core.presence;

import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import java.util.ArrayList;
import java.util.List;

/** The live streams of this process only: presence for a hub of one node, read from the hub itself. */
public final class LocalPresence implements PresenceDirectory {

    private final Hub hub;
    private final NodeId node;

    public LocalPresence(Hub hub, NodeId node) {
        this.hub = hub;
        this.node = node;
    }

    @Override
    public List<LiveSubscription> subscriptions() {
        List<LiveSubscription> live = new ArrayList<>();
        for (Connection connection : hub.connections()) {
            if (connection.isOpen()) {
                live.add(LiveSubscription.of(node, connection));
            }
        }
        live.sort(PresenceOrder.INSTANCE);
        return live;
    }

    @Override
    public NodeId node() {
        return node;
    }
}
