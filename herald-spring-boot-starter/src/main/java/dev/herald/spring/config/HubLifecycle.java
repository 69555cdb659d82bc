package dev.herald.spring.config;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import dev.herald.core.sse.SseEncoder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Ends the streams when the application stops (SIGTERM, context close), before the web server's
 * graceful shutdown: that shutdown waits for open requests, and SSE streams never end by themselves.
 *
 * <p>In order, within {@code herald.shutdown.timeout}: readiness goes to refusing traffic (so a load
 * balancer stops sending clients here) and new subscriptions get a 503 problem; each stream gets a
 * {@code retry:} hint, jittered so that its clients do not all come back in the same instant, and
 * the rest of its outbox ({@code Connection.closeAfter}), so its client reconnects to another node
 * (or this one, restarted) and resumes by id; streams still open at the deadline are cut; publishes
 * under way are waited for, so that an event acknowledged is an event in the log.
 */
public final class HubLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HubLifecycle.class);
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();
    /** Streams are told to come back after clientRetry plus up to this fraction of it. */
    private static final double RETRY_JITTER = 0.5;

    private final Hub hub;
    private final Duration clientRetry;
    private final Duration timeout;
    private final ApplicationEventPublisher events;
    private volatile boolean running;
    private volatile boolean draining;

    /**
     * @param events where readiness changes are published; null outside an application context
     */
    public HubLifecycle(Hub hub, Duration clientRetry, Duration timeout, ApplicationEventPublisher events) {
        this.hub = hub;
        this.clientRetry = clientRetry;
        this.timeout = timeout;
        this.events = events;
    }

    public HubLifecycle(Hub hub, Duration clientRetry) {
        this(hub, clientRetry, Duration.ofSeconds(10), null);
    }

    /** Whether new streams are accepted: false once the application is stopping. */
    public boolean accepting() {
        return !draining;
    }

    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        if (events != null) {
            AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int open = hub.connectionCount();
        if (open > 0) {
            log.info("ending {} SSE streams; their clients will resume after {} to {}", open, clientRetry,
                    clientRetry.plusMillis((long) (clientRetry.toMillis() * RETRY_JITTER)));
            for (Connection connection : hub.connections()) {
                connection.closeAfter(SseEncoder.retry(jitteredRetry()), CloseCause.SHUTDOWN);
            }
            awaitUntil(() -> hub.connectionCount() == 0, deadline);
            int cut = 0;
            for (Connection connection : hub.connections()) {
                connection.close(CloseCause.SHUTDOWN);
                cut++;
            }
            if (cut > 0) {
                log.warn("cut {} SSE streams still open after herald.shutdown.timeout={}", cut, timeout);
            }
        }
        if (!awaitUntil(() -> hub.publishesInFlight() == 0, deadline)) {
            log.warn("{} publishes still under way after herald.shutdown.timeout={}", hub.publishesInFlight(), timeout);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown (which has a lower phase). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private Duration jitteredRetry() {
        long base = clientRetry.toMillis();
        return Duration.ofMillis(base + (long) (base * RETRY_JITTER * ThreadLocalRandom.current().nextDouble()));
    }

    private static boolean awaitUntil(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
