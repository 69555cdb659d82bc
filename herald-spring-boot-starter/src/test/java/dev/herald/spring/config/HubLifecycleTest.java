package dev.herald.spring.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.hub.Hub;
import dev.herald.core.hub.HubOptions;
import dev.herald.core.hub.SseSink;
import dev.herald.core.hub.SubscribeRequest;
import dev.herald.core.hub.Subscription;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.topic.TopicSelector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** HubLifecycle on shutdown: streams end with a retry hint, and new streams are refused. */
class HubLifecycleTest {

    static final class CollectingSink implements SseSink {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void send(byte[] frames) {
            bytes.writeBytes(frames);
        }

        @Override
        public void close() {
            closed.set(true);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void stopEndsStreamsWithRetryHintAndRefusesNewOnes() {
        try (Hub hub = new Hub(new InMemoryEventLog(RetentionPolicy.DEFAULT), HubOptions.DEFAULTS)) {
            HubLifecycle lifecycle = new HubLifecycle(hub, Duration.ofMillis(1500));
            lifecycle.start();
            CollectingSink sink = new CollectingSink();
            hub.subscribe(SubscribeRequest.live(Subscription.anonymous(List.of(TopicSelector.parse("news")))), sink);
            await().until(() -> sink.text().startsWith(": herald stream"));
            assertThat(lifecycle.accepting()).isTrue();

            lifecycle.stop();

            assertThat(lifecycle.accepting()).isFalse();
            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(hub.connectionCount()).isZero();
            assertThat(sink.closed).isTrue();
            // the hint is jittered upwards by up to half the retry, so that clients do not all come back at once
            assertThat(sink.text()).containsPattern("retry: (1[5-9]\\d\\d|2[0-2]\\d\\d|2250)\n\n$");
        }
    }

    @Test
    void stopsBeforeTheWebServersGracefulShutdown() {
        // Spring Boot's WebServerGracefulShutdownLifecycle runs at DEFAULT_PHASE - 1024; higher phases stop first
        assertThat(new HubLifecycle(null, Duration.ZERO).getPhase())
                .isGreaterThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 1024);
    }
}
