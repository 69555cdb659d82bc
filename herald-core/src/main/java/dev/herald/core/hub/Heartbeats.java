package dev.herald.core.hub;

import dev.herald.core.sse.SseEncoder;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One shared timer for all streams. Every half heartbeat (at most every second) it sends a
 * comment to each stream that has been silent for a heartbeat (so none is silent for more than 1.5
 * heartbeats: proxies keep it open and a dead client is found by the failing write), and ends
 * streams whose lifetime or credentials have run out, within a second of their deadline.
 */
final class Heartbeats implements AutoCloseable {

    /** Deadlines (token expiry) are kept to within this. */
    private static final long MAX_TICK_MILLIS = 1000;
    private static final byte[] HEARTBEAT = SseEncoder.comment("heartbeat");

    private final Collection<Connection> connections;
    private final Duration heartbeat;
    private final Duration clientRetry;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    Heartbeats(Collection<Connection> connections, Duration heartbeat, Duration clientRetry, Clock clock) {
        this.connections = connections;
        this.heartbeat = heartbeat;
        this.clientRetry = clientRetry;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("herald-heartbeat").daemon().factory());
    }

    void start() {
        long period = Math.clamp(heartbeat.toMillis() / 2, 1, MAX_TICK_MILLIS);
        timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** Visible for tests: one pass over all streams. */
    void tick() {
        long now = clock.millis();
        long silentLimit = heartbeat.toMillis();
        for (Connection connection : connections) {
            if (now >= connection.deadlineMillis()) {
                endAtDeadline(connection);
            } else if (now - connection.lastWriteMillis() >= silentLimit) {
                connection.enqueue(Frame.control(HEARTBEAT));
            }
        }
    }

    private void endAtDeadline(Connection connection) {
        CloseCause cause = connection.deadlineCause();
        if (cause == CloseCause.LIFETIME) {
            // a clean end: the browser resumes by Last-Event-ID after the retry delay
            connection.closeAfter(SseEncoder.retry(clientRetry), cause);
        } else {
            connection.close(cause);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
