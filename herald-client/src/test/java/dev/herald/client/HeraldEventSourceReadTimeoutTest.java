package dev.herald.client;

import static dev.herald.client.ClientTestSupport.eventually;
import static dev.herald.client.ClientTestSupport.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Dead-connection detection: no byte within the read timeout closes the connection and reconnects.
 * The server scripts pace themselves with short sleeps where the scenario is "send every N ms";
 * the tests themselves only wait on conditions.
 */
class HeraldEventSourceReadTimeoutTest extends ScriptedServerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private EventSourceOptions options() {
        return fastOptions(server.uri()).withReadTimeout(TIMEOUT);
    }

    @Test
    void silentStreamIsClosedAfterTheTimeoutAndResumedWithLastEventId() {
        AtomicBoolean clientClosed = new AtomicBoolean();
        AtomicLong silenceMillis = new AtomicLong();
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("id: 1\ndata: a\n\n");
            long start = System.nanoTime();
            clientClosed.set(ex.awaitClientClose(Duration.ofSeconds(10)));
            silenceMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }, ex -> {
            ex.startStream();
            ex.send("data: b\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(options(), listener)) {
            eventually().until(() -> listener.events().size() == 2);
        }
        assertThat(clientClosed).isTrue();
        assertThat(silenceMillis.get()).isGreaterThanOrEqualTo(TIMEOUT.toMillis() - 20);
        assertThat(listener.errors()).containsExactly(new ReadTimedOut(TIMEOUT));
        assertThat(server.requests().get(1).header("Last-Event-ID")).contains("1");
    }

    @Test
    void heartbeatsKeepASlowStreamAlive() {
        server.enqueue(ex -> {
            ex.startStream();
            for (int i = 0; i < 10; i++) {
                ex.send(": heartbeat\n");
                Thread.sleep(TIMEOUT.toMillis() / 3);
            }
            ex.send("data: done\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(options(), listener)) {
            eventually().until(() -> listener.events().size() == 1);
        }
        assertThat(listener.errors()).isEmpty();
        assertThat(listener.comments()).hasSize(10);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void timeSpentInASlowListenerDoesNotCountAsSilence() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: slow\n\n");
            for (int i = 0; i < 12; i++) {
                Thread.sleep(50);
                ex.send(":\n");
            }
            ex.send("data: next\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.create(options())
                .addListener(event -> {
                    if (event.data().equals("slow")) {
                        // a consumer that takes longer than the read timeout (simulated work)
                        sleepUninterruptibly(TIMEOUT.multipliedBy(2));
                    }
                })
                .addListener(listener);
        try (source) {
            source.start();
            eventually().until(() -> listener.events().size() == 2);
        }
        assertThat(listener.errors()).isEmpty();
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void responseHeadersThatNeverComeTimeOut() {
        AtomicBoolean clientClosed = new AtomicBoolean();
        server.enqueue(ex -> clientClosed.set(ex.awaitClientClose(Duration.ofSeconds(10))), ex -> {
            ex.startStream();
            ex.send("data: second try\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(options(), listener)) {
            eventually().until(() -> listener.events().size() == 1);
        }
        assertThat(listener.errors()).containsExactly(new ReadTimedOut(TIMEOUT));
        assertThat(listener.states()).startsWith(ConnectionState.CONNECTING, ConnectionState.RECONNECTING);
        eventually().untilTrue(clientClosed);
    }

    @Test
    void zeroDisablesTheReadTimeout() throws Exception {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: a\n\n");
            Thread.sleep(TIMEOUT.toMillis() * 2);
            ex.send("data: b\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        EventSourceOptions options = options().withReadTimeout(Duration.ZERO);
        try (HeraldEventSource source = HeraldEventSource.open(options, listener)) {
            eventually().until(() -> listener.events().size() == 2);
        }
        assertThat(listener.errors()).isEmpty();
    }

    private static void sleepUninterruptibly(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
