package dev.herald.spring.metrics;

import dev.herald.core.presence.NodeId;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Tags every {@code herald.*} meter with {@code node} ({@code herald.node}), so that a dashboard
 * shows live connections and the rest per node by Herald's own name for it, whatever the scraper's
 * {@code instance} label says (an address that changes with each restart or pod). Spring Boot
 * applies every {@link MeterFilter} bean to the registry before the first meter is registered.
 */
public final class NodeTag implements MeterFilter {

    public static final String KEY = "node";

    private final NodeId node;

    public NodeTag(NodeId node) {
        this.node = node;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getName().startsWith("herald.") && id.getTag(KEY) == null) {
            return id.withTag(Tag.of(KEY, node.value()));
        }
        return id;
    }
}
