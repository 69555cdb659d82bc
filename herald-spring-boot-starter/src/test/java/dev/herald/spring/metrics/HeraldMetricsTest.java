package dev.herald.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.event.EventId;
import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.hub.Hub;
import dev.herald.core.hub.HubOptions;
import dev.herald.core.hub.SseSink;
import dev.herald.core.hub.SubscribeRequest;
import dev.herald.core.hub.Subscription;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.event.Publication;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import dev.herald.spring.config.HubLifecycle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The meters against a real hub and a real registry: every close cause, deliveries with their
 * latency, replays, resets and the gauges read from the hub.
 */
class HeraldMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HeraldMetrics metrics = new HeraldMetrics();
    private final InMemoryEventLog log = new InMemoryEventLog(RetentionPolicy.DEFAULT);
    private Hub hub;

    private Hub hub(HubOptions options) {
        metrics.bindTo(registry);
        hub = new Hub(log, options, metrics, Clock.systemUTC());
        new HubGauges(hub, new HubLifecycle(hub, Duration.ofSeconds(1))).bindTo(registry);
        return hub;
    }

    @AfterEach
    void close() {
        if (hub != null) {
            hub.close();
        }
    }

    private static SubscribeRequest news() {
        return SubscribeRequest.live(Subscription.anonymous(List.of(TopicSelector.parse("news"))));
    }

    private static Publication newsEvent(String data) {
        return Publication.of(List.of(Topic.of("news")), data);
    }

    private double disconnects(CloseCause cause) {
        return registry.get("herald.disconnects").tag("cause", cause.label()).counter().count();
    }

    @Test
    void everyCauseAndEveryReasonHasASeriesFromTheStart() {
        hub(HubOptions.DEFAULTS);
        for (CloseCause cause : CloseCause.values()) {
            assertThat(disconnects(cause)).isZero();
        }
        assertThat(registry.get("herald.resets").counters()).hasSize(3);
        assertThat(registry.get("herald.connections").gauge().value()).isZero();
    }

    @Test
    void countsOpensDeliveriesAndEachCloseCause() {
        Hub hub = hub(HubOptions.DEFAULTS.withHeartbeat(Duration.ofMillis(100)).withMaxLifetime(Duration.ofMillis(800))
                .withOutboxCapacity(2));
        // lifetime: a healthy stream that reaches its (short) lifetime
        CollectingSink lifetimeSink = new CollectingSink();
        Connection lifetime = hub.subscribe(news(), lifetimeSink);
        // client gone: writes fail with an IOException
        hub.subscribe(news(), sink(frames -> {
            throw new IOException("Broken pipe");
        }));
        // error: the server fails to write for another reason
        hub.subscribe(news(), sink(frames -> {
            throw new IllegalStateException("boom");
        }));
        // token expiry
        hub.subscribe(news().expiringAt(Instant.now().plusMillis(100)), new CollectingSink());
        // slow consumer: a client that never finishes reading its first write
        CountDownLatch never = new CountDownLatch(1);
        Connection slow = hub.subscribe(news(), sink(frames -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(registry.get("herald.subscribes").counter().count()).isEqualTo(5);

        for (int i = 0; i < 5; i++) {
            hub.publish(newsEvent("e" + i));
            // one at a time, so that only the stuck stream overflows its small outbox
            String data = "data: e" + i;
            await().pollInterval(Duration.ofMillis(5)).until(() -> lifetimeSink.text().contains(data));
        }

        await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(registry.get("herald.disconnects").counters().stream()
                    .map(c -> c.getId().getTag("cause") + "=" + c.count()).sorted().toList())
                    .containsExactly("client-gone=1.0", "error=1.0", "lifetime=1.0", "shutdown=0.0",
                            "slow-consumer=1.0", "token-expired=1.0");
            assertThat(disconnects(CloseCause.ERROR)).isEqualTo(1);
            assertThat(disconnects(CloseCause.TOKEN_EXPIRED)).isEqualTo(1);
            assertThat(disconnects(CloseCause.SLOW_CONSUMER)).isEqualTo(1);
            assertThat(disconnects(CloseCause.LIFETIME)).isEqualTo(1);
        });
        never.countDown();
        assertThat(lifetime.closeCause()).hasValue(CloseCause.LIFETIME);
        assertThat(slow.closeCause()).hasValue(CloseCause.SLOW_CONSUMER);
        assertThat(registry.get("herald.events.published").counter().count()).isEqualTo(5);
        // the lifetime stream got all five before its end
        assertThat(registry.get("herald.events.delivered").counter().count()).isGreaterThanOrEqualTo(5);
        // a sample of the deliveries, the first one included
        assertThat(registry.get("herald.delivery.latency").timer().count())
                .isPositive()
                .isLessThanOrEqualTo((long) registry.get("herald.events.delivered").counter().count());
        assertThat(registry.get("herald.connections").gauge().value()).isZero();

        hub.subscribe(news(), new CollectingSink());
        hub.close();
        assertThat(disconnects(CloseCause.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void countsEveryDeliveryAndTimesOneInEight() {
        Hub hub = hub(HubOptions.DEFAULTS);
        CollectingSink sink = new CollectingSink();
        hub.subscribe(news(), sink);
        for (int i = 0; i < 17; i++) {
            hub.publish(newsEvent("e" + i));
            // one at a time: one event per write
            String data = "data: e" + i + "\n";
            await().pollInterval(Duration.ofMillis(5)).until(() -> sink.text().contains(data));
        }
        await().pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(registry.get("herald.events.delivered").counter().count()).isEqualTo(17));
        // deliveries 0, 8 and 16
        assertThat(registry.get("herald.delivery.latency").timer().count()).isEqualTo(3);
    }

    @Test
    void countsEveryEventOfACoalescedWrite() {
        Hub hub = hub(HubOptions.DEFAULTS);
        CountDownLatch release = new CountDownLatch(1);
        CollectingSink sink = new CollectingSink();
        hub.subscribe(news(), sink(frames -> {
            // the first write (the stream's opening) waits, so the events queue up behind it
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sink.send(frames);
        }));
        for (int i = 0; i < 10; i++) {
            hub.publish(newsEvent("e" + i));
        }
        await().pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(registry.get("herald.outbox.frames").gauge().value()).isEqualTo(10));
        release.countDown();
        await().pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(registry.get("herald.events.delivered").counter().count()).isEqualTo(10));
        assertThat(sink.text()).contains("data: e0\n", "data: e9\n");
        // the ten went out in one write: one record, of the write's oldest event
        assertThat(registry.get("herald.delivery.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void countsReplaysAndResetsAndReadsTheGauges() {
        Hub hub = hub(HubOptions.DEFAULTS);
        EventId first = hub.publish(newsEvent("one")).id();
        hub.publish(newsEvent("two"));
        hub.publish(newsEvent("three"));

        CollectingSink resumed = new CollectingSink();
        hub.subscribe(news().resumingAfter(first), resumed);
        hub.subscribe(news().resumingAfter(EventId.of("no-such-id")), new CollectingSink());

        await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(registry.get("herald.events.replayed").counter().count()).isEqualTo(2);
            assertThat(registry.get("herald.resets").tag("reason", "unknown").counter().count()).isEqualTo(1);
        });
        assertThat(registry.get("herald.connections").gauge().value()).isEqualTo(2);
        assertThat(registry.get("herald.outbox.frames").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(registry.get("herald.outbox.frames.max").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(registry.get("herald.dispatch.backlog").gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(registry.get("herald.draining").gauge().value()).isZero();
    }

    @Test
    void outboxGaugesShowWhatAStuckStreamHasQueued() {
        Hub hub = hub(HubOptions.DEFAULTS);
        CountDownLatch release = new CountDownLatch(1);
        hub.subscribe(news(), sink(frames -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            for (int i = 0; i < 10; i++) {
                hub.publish(newsEvent("e" + i));
            }
            await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(registry.get("herald.outbox.frames.max").gauge().value()).isGreaterThanOrEqualTo(5);
                assertThat(registry.get("herald.outbox.frames").gauge().value()).isGreaterThanOrEqualTo(5);
            });
        } finally {
            release.countDown();
        }
    }

    interface Send {
        void send(byte[] frames) throws IOException;
    }

    private static SseSink sink(Send send) {
        return new SseSink() {
            @Override
            public void send(byte[] frames) throws IOException {
                send.send(frames);
            }

            @Override
            public void close() {
            }
        };
    }

    static final class CollectingSink implements SseSink {
        private final StringBuffer text = new StringBuffer();

        @Override
        public void send(byte[] frames) {
            text.append(new String(frames, java.nio.charset.StandardCharsets.UTF_8));
        }

        String text() {
            return text.toString();
        }

        @Override
        public void close() {
        }
    }
}
