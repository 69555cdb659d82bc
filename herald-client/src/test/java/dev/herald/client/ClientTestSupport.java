package dev.herald.client;

import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Shared settings for the {@link HeraldEventSource} tests. */
final class ClientTestSupport {

    /** Generous upper bound for conditions that normally hold within milliseconds. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private ClientTestSupport() {
    }

    /** Awaitility with a 10 s ceiling and a 5 ms poll interval. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5));
    }

    /** Deterministic, fast backoff (no jitter): 50 ms base, 1 s cap; 10 s read timeout. */
    static EventSourceOptions fastOptions(URI uri) {
        return EventSourceOptions.of(uri)
                .withReconnectPolicy(new ReconnectPolicy(Duration.ofMillis(50), Duration.ofSeconds(1), 2.0, 0.0))
                .withReadTimeout(Duration.ofSeconds(10));
    }
}
