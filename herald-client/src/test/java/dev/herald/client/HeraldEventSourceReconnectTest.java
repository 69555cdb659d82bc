package dev.herald.client;

import static dev.herald.client.ClientTestSupport.eventually;
import static dev.herald.client.ClientTestSupport.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reconnection after drops and retryable failures: Last-Event-ID, server retry, backoff and its reset. */
class HeraldEventSourceReconnectTest extends ScriptedServerTest {

    private static ScriptedSseServer.Script streamThenHold(String text) {
        return ex -> {
            ex.startStream();
            ex.send(text);
            ex.holdUntilClientCloses();
        };
    }

    private static ScriptedSseServer.Script status(int code) {
        return ex -> ex.respond(code, "text/plain", "status " + code);
    }

    @Test
    void connectionDroppedMidEventReconnectsWithLastEventIdAndDiscardsThePartialEvent() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("id: 7\ndata: complete\n\nid: 8\ndata: parti");
            ex.drop();
        }, streamThenHold("data: after\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> listener.events().size() == 2);
        }
        assertThat(listener.events()).containsExactly(
                new SseEvent("7", "message", "complete"), new SseEvent("7", "message", "after"));
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0).header("Last-Event-ID")).isEmpty();
        assertThat(server.requests().get(1).header("Last-Event-ID")).contains("7");
        assertThat(listener.errors()).singleElement().isInstanceOf(NetworkFailure.class);
        assertThat(listener.states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.OPEN,
                ConnectionState.RECONNECTING, ConnectionState.CONNECTING, ConnectionState.OPEN, ConnectionState.CLOSED);
    }

    @Test
    void streamEndedByTheServerIsReconnected() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("id: a1\ndata: one\n\n");
            ex.end();
        }, streamThenHold("data: two\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> listener.events().size() == 2);
        }
        assertThat(listener.errors()).containsExactly(new StreamEnded());
        assertThat(server.requests().get(1).header("Last-Event-ID")).contains("a1");
    }

    @Test
    void serverRetryFieldSetsTheReconnectionDelay() {
        ScriptedSseServer.Exchange[] first = new ScriptedSseServer.Exchange[1];
        server.enqueue(ex -> {
            first[0] = ex;
            ex.startStream();
            ex.send("retry: 400\ndata: x\n\n");
            ex.end();
        }, streamThenHold(": second\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        // a 5 s initial retry: had the server's value been ignored, the reconnection would come too late
        EventSourceOptions options = fastOptions(server.uri()).withInitialRetry(Duration.ofSeconds(5))
                .withMaxBackoff(Duration.ofSeconds(10));
        try (HeraldEventSource source = HeraldEventSource.open(options, listener)) {
            eventually().atMost(Duration.ofSeconds(3)).until(() -> server.requestCount() == 2);
        }
        assertThat(listener.scheduledDelays()).containsExactly(Duration.ofMillis(400));
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(server.requests().get(1).receivedNanos() - first[0].endedNanos());
        assertThat(gapMillis).isGreaterThanOrEqualTo(400);
    }

    @Test
    void initialLastEventIdIsSentFirstAndCarriedByEventsWithoutId() {
        server.enqueue(streamThenHold("data: resumed\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        EventSourceOptions options = fastOptions(server.uri()).withLastEventId("42");
        try (HeraldEventSource source = HeraldEventSource.open(options, listener)) {
            eventually().until(() -> listener.events().size() == 1);
            assertThat(source.lastEventId()).isEqualTo("42");
        }
        assertThat(server.requests().getFirst().header("Last-Event-ID")).contains("42");
        assertThat(listener.events()).containsExactly(new SseEvent("42", "message", "resumed"));
    }

    @Test
    void emptyIdStopsSendingLastEventId() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("id: 5\ndata: a\n\nid\ndata: b\n\n");
            ex.end();
        }, streamThenHold(""));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> server.requestCount() == 2);
        }
        assertThat(listener.events()).containsExactly(new SseEvent("5", "message", "a"), new SseEvent("", "message", "b"));
        assertThat(server.requests().get(1).header("Last-Event-ID")).isEmpty();
    }

    @Test
    void nonAsciiLastEventIdIsOmittedRatherThanSentCorrupted() {
        // java.net.http can only write ASCII header values (it would send "????-?")
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("id: \u043a\u043b\u044e\u0447-\u00e9\ndata: a\n\n");
            ex.end();
        }, streamThenHold("data: b\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> listener.events().size() == 2);
            assertThat(source.lastEventId()).isEqualTo("\u043a\u043b\u044e\u0447-\u00e9");
        }
        assertThat(server.requests().get(1).header("Last-Event-ID")).isEmpty();
        assertThat(listener.events()).extracting(SseEvent::id)
                .containsOnly("\u043a\u043b\u044e\u0447-\u00e9");
    }

    @Test
    void gatewayStatusesAreRetriedWithExponentialBackoff() {
        server.enqueue(status(503), status(502), status(504), streamThenHold("data: finally\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        EventSourceOptions options = fastOptions(server.uri())
                .withReconnectPolicy(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0));
        try (HeraldEventSource source = HeraldEventSource.open(options, listener)) {
            eventually().until(() -> listener.events().size() == 1);
        }
        assertThat(listener.errors()).containsExactly(
                new UnexpectedStatus(503), new UnexpectedStatus(502), new UnexpectedStatus(504));
        assertThat(listener.scheduledDelays()).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void backoffResetsOnceAConnectionOpens() {
        server.enqueue(status(503), status(503), ex -> {
            ex.startStream();
            ex.send("data: opened\n\n");
            ex.drop();
        }, status(503), streamThenHold("data: again\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        EventSourceOptions options = fastOptions(server.uri())
                .withReconnectPolicy(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0));
        try (HeraldEventSource source = HeraldEventSource.open(options, listener)) {
            eventually().until(() -> listener.events().size() == 2);
        }
        // 503, 503, open then drop (reset: back to the base delay), 503
        assertThat(listener.scheduledDelays()).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        server.enqueue(status(503), status(503), status(503), streamThenHold("data: ok\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        EventSourceOptions options = fastOptions(server.uri())
                .withReconnectPolicy(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(250), 2.0, 0.0));
        try (HeraldEventSource source = HeraldEventSource.open(options, listener)) {
            eventually().until(() -> listener.events().size() == 1);
        }
        assertThat(listener.scheduledDelays()).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    void connectionRefusedIsRetriedUntilClosed() throws Exception {
        URI refusing;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusing = URI.create("http://127.0.0.1:" + probe.getLocalPort() + "/events");
        }
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(refusing), listener)) {
            eventually().until(() -> listener.errors().size() >= 3);
            assertThat(source.failure()).isEmpty();
        }
        assertThat(listener.errors()).allSatisfy(error -> {
            assertThat(error).isInstanceOf(NetworkFailure.class);
            assertThat(((NetworkFailure) error).cause()).isInstanceOf(ConnectException.class);
        });
        assertThat(listener.states()).startsWith(ConnectionState.CONNECTING, ConnectionState.RECONNECTING,
                ConnectionState.CONNECTING, ConnectionState.RECONNECTING);
        assertThat(listener.states()).doesNotContain(ConnectionState.OPEN);
    }

    @Test
    void connectionResetBeforeTheResponseIsRecovered() {
        // the JDK itself may retry an idempotent GET once on a reset connection; either way, we end up connected
        server.enqueue(ScriptedSseServer.Exchange::reset, ScriptedSseServer.Exchange::reset,
                streamThenHold("data: ok\n\n"));
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> listener.events().size() == 1);
        }
        assertThat(listener.errors()).allSatisfy(error -> assertThat(error).isInstanceOf(NetworkFailure.class));
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void bearerTokenSupplierIsAskedAgainForEachConnection() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.end();
        }, streamThenHold(""));
        int[] calls = {0};
        EventSourceOptions options = fastOptions(server.uri()).withBearerToken(() -> "token-" + ++calls[0]);
        try (HeraldEventSource source = HeraldEventSource.open(options, event -> { })) {
            eventually().until(() -> server.requestCount() == 2);
        }
        assertThat(server.requests()).extracting(r -> r.header("Authorization").orElseThrow())
                .containsExactly("Bearer token-1", "Bearer token-2");
    }
}
