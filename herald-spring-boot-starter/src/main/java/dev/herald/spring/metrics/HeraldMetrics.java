package dev.herald.spring.metrics;

import dev.herald.core.event.Event;
import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.HubObserver;
import dev.herald.core.log.ResetReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub's counters and the publish→write latency histogram, fed by the hub as its
 * {@link HubObserver}. The histogram records a sample of the deliveries ({@link LatencySample}); the
 * delivery counter counts every one. A {@link MeterBinder} rather than a bean that needs the registry: the hub
 * (which needs its observers) is made before the registry is, and Spring Boot binds every binder
 * once the registry exists. Until then the hub's calls are dropped (nothing is served that early).
 *
 * <p>Every meter is registered up front, each cause and reason at zero, so that dashboards and
 * alerts see a series before its first event. docs/operations.md lists every meter.
 */
public final class HeraldMetrics implements HubObserver, MeterBinder {

    /** The meters, created when bound; the observer methods read them without locks. */
    private record Meters(Counter subscribes, Map<CloseCause, Counter> disconnects, Counter published,
                          Counter delivered, Timer latency, Counter replayed, Map<ResetReason, Counter> resets) {
    }

    private volatile Meters meters;
    private final LatencySample latencySample;

    public HeraldMetrics() {
        this(LatencySample.DEFAULT_EVERY);
    }

    /** @param latencySampleEvery the delivery-latency timer records one in this many deliveries */
    HeraldMetrics(int latencySampleEvery) {
        this.latencySample = new LatencySample(latencySampleEvery);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<CloseCause, Counter> disconnects = new EnumMap<>(CloseCause.class);
        for (CloseCause cause : CloseCause.values()) {
            disconnects.put(cause, Counter.builder("herald.disconnects")
                    .description("SSE streams ended, by cause")
                    .tag("cause", cause.label())
                    .register(registry));
        }
        Map<ResetReason, Counter> resets = new EnumMap<>(ResetReason.class);
        for (ResetReason reason : ResetReason.values()) {
            resets.put(reason, Counter.builder("herald.resets")
                    .description("Resuming streams that got a herald.reset instead of a replay, by reason")
                    .tag("reason", reason.code())
                    .register(registry));
        }
        meters = new Meters(
                Counter.builder("herald.subscribes").description("SSE streams opened").register(registry),
                disconnects,
                Counter.builder("herald.events.published").description("Events appended to the log by this node")
                        .register(registry),
                Counter.builder("herald.events.delivered").description("Events written to streams (one per stream)")
                        .register(registry),
                Timer.builder("herald.delivery.latency")
                        .description("Time from the log taking an event to its write on a stream, for one in "
                                + latencySample.every() + " deliveries")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry),
                Counter.builder("herald.events.replayed").description("Missed events replayed to resuming streams")
                        .register(registry),
                resets);
    }

    @Override
    public void connectionOpened(Connection connection) {
        Meters m = meters;
        if (m != null) {
            m.subscribes.increment();
        }
    }

    @Override
    public void connectionClosed(Connection connection, CloseCause cause) {
        Meters m = meters;
        if (m != null) {
            m.disconnects.get(cause).increment();
        }
    }

    @Override
    public void eventPublished(Event event) {
        Meters m = meters;
        if (m != null) {
            m.published.increment();
        }
    }

    @Override
    public void eventsDelivered(int count, long millisSinceAppend) {
        Meters m = meters;
        if (m != null) {
            m.delivered.increment(count);
            if (latencySample.take(count)) {
                // the write's oldest event stands for the sampled one (the longest wait of the write);
                // clocks of two nodes may disagree a little: a negative age is a zero one
                m.latency.record(Math.max(0, millisSinceAppend), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void eventsReplayed(int count) {
        Meters m = meters;
        if (m != null) {
            m.replayed.increment(count);
        }
    }

    @Override
    public void streamReset(Connection connection, ResetReason reason) {
        Meters m = meters;
        if (m != null) {
            m.resets.get(reason).increment();
        }
    }
}
