package dev.herald.spring.metrics;

import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import dev.herald.spring.config.HubLifecycle;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges read from the hub at scrape time: live streams ({@code herald.connections}), what waits in
 * their outboxes, the dispatcher's backlog and whether the node is draining. Reading at scrape time
 * costs one pass over this node's streams per scrape, and nothing on the hot path.
 */
public final class HubGauges implements MeterBinder {

    private final Hub hub;
    private final HubLifecycle lifecycle;

    public HubGauges(Hub hub, HubLifecycle lifecycle) {
        this.hub = hub;
        this.lifecycle = lifecycle;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("herald.connections", hub, Hub::connectionCount)
                .description("Live SSE streams on this node")
                .strongReference(true)
                .register(registry);
        Gauge.builder("herald.outbox.frames", hub, HubGauges::outboxTotal)
                .description("Frames waiting in the outboxes of this node's streams, summed")
                .strongReference(true)
                .register(registry);
        Gauge.builder("herald.outbox.frames.max", hub, HubGauges::outboxMax)
                .description("Frames waiting in the fullest outbox of this node")
                .strongReference(true)
                .register(registry);
        Gauge.builder("herald.dispatch.backlog", hub, Hub::dispatchBacklog)
                .description("Events the log has handed over and the dispatcher has not yet queued to streams")
                .strongReference(true)
                .register(registry);
        Gauge.builder("herald.draining", lifecycle, l -> l.accepting() ? 0 : 1)
                .description("1 while this node is shutting down and refuses new streams")
                .strongReference(true)
                .register(registry);
    }

    private static double outboxTotal(Hub hub) {
        long total = 0;
        for (Connection connection : hub.connections()) {
            total += connection.outboxDepth();
        }
        return total;
    }

    private static double outboxMax(Hub hub) {
        int max = 0;
        for (Connection connection : hub.connections()) {
            max = Math.max(max, connection.outboxDepth());
        }
        return max;
    }
}
