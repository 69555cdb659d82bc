package dev.herald.spring.metrics;

import dev.herald.core.log.EventLog;
import dev.herald.core.log.LogStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The event log's size ({@code herald.log.size}) and the events its retention dropped
 * ({@code herald.log.trimmed}), read from {@link EventLog#stats()} at scrape time. One read serves
 * both meters (a shared store answers with a round trip): it is kept for a second. A log that
 * cannot tell now shows its size as NaN and its trims as the last count it gave.
 */
public final class LogMeters implements MeterBinder {

    /** Both meters are read in one scrape: one store read serves them. */
    private static final Duration REUSE = Duration.ofSeconds(1);

    private final EventLog log;
    private final Clock clock;
    /** The last read; null before the first. */
    private volatile Sample sample;
    private volatile long lastTrimmed;

    private record Sample(Optional<LogStats> stats, long takenAtMillis) {
    }

    public LogMeters(EventLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("herald.log.size", this, meters -> meters.stats().map(s -> (double) s.size()).orElse(Double.NaN))
                .description("Events the event log holds now (for Redis: the stream's length, the same on every node)")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("herald.log.trimmed", this, LogMeters::trimmed)
                .description("Events dropped from the log by retention (max-events, max-age)")
                .register(registry);
    }

    private double trimmed() {
        stats().ifPresent(s -> lastTrimmed = s.trimmed());
        return lastTrimmed;
    }

    private Optional<LogStats> stats() {
        long now = clock.millis();
        Sample current = sample;
        if (current != null && now >= current.takenAtMillis() && now - current.takenAtMillis() < REUSE.toMillis()) {
            return current.stats();
        }
        Optional<LogStats> fresh;
        try {
            fresh = log.stats();
        } catch (RuntimeException e) {
            // the contract says stats() does not throw; a scrape must survive a store that does
            fresh = Optional.empty();
        }
        sample = new Sample(fresh, now);
        return fresh;
    }
}
