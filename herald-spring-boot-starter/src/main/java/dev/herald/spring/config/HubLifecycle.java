package dev.herald.spring.config;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Ends the streams when the application stops, before the web server's graceful shutdown: that
 * shutdown waits for open requests, and SSE streams never end by themselves. Each stream first gets
 * a {@code retry:} hint and the rest of its outbox ({@link Hub#drain}), so its client reconnects to
 * another node (or this one, restarted) and resumes by id; whatever is still open after a short
 * grace period is closed. New subscriptions are refused from then on.
 */
public final class HubLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HubLifecycle.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Hub hub;
    private final Duration clientRetry;
    private volatile boolean running;
    private volatile boolean draining;

    public HubLifecycle(Hub hub, Duration clientRetry) {
        this.hub = hub;
        this.clientRetry = clientRetry;
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
        int open = hub.connectionCount();
        if (open > 0) {
            log.info("ending {} SSE streams; their clients will resume after {}", open, clientRetry);
            hub.drain(clientRetry);
            long deadline = System.nanoTime() + GRACE.toNanos();
            while (hub.connectionCount() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            for (Connection connection : hub.connections()) {
                connection.close(CloseCause.SHUTDOWN);
            }
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
}
