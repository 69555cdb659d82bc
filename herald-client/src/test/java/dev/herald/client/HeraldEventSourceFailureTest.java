package dev.herald.client;

import static dev.herald.client.ClientTestSupport.PATIENCE;
import static dev.herald.client.ClientTestSupport.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Responses that fail the connection for good: no reconnection, the source closes and says why. */
class HeraldEventSourceFailureTest extends ScriptedServerTest {

    /** Runs a source until it stops by itself; the second script would serve a (wrong) reconnection. */
    private RecordingEventSourceListener runUntilClosed(ScriptedSseServer.Script first) throws Exception {
        server.enqueue(first, ex -> {
            ex.startStream();
            ex.send("data: must not be reached\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.create(fastOptions(server.uri())).addListener(listener);
        BlockingIterator<SseEvent> events = source.events();
        source.start();
        assertThat(source.awaitTermination(PATIENCE)).as("source closed by itself").isTrue();
        assertThat(source.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(source.failure()).isPresent();
        assertThat(source.failure().get().retryable()).isFalse();
        assertThat(listener.errors()).containsExactly(source.failure().get());
        assertThat(listener.states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CLOSED);
        assertThat(listener.events()).isEmpty();
        // the thread has ended, so no reconnection can still be on its way
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(events.hasNext()).isFalse();
        assertThatThrownBy(events::take).isInstanceOf(NoSuchElementException.class);
        source.close();
        assertThat(listener.states()).containsOnlyOnce(ConnectionState.CLOSED);
        return listener;
    }

    @Test
    void http204TellsTheClientToStop() throws Exception {
        RecordingEventSourceListener listener = runUntilClosed(ex -> ex.respond(204, null, ""));
        assertThat(listener.errors()).containsExactly(new UnexpectedStatus(204));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 400, 401, 403, 404, 429, 201})
    void nonRetryableStatusFailsTheConnection(int status) throws Exception {
        RecordingEventSourceListener listener = runUntilClosed(ex -> ex.respond(status, "text/event-stream", ""));
        assertThat(listener.errors()).containsExactly(new UnexpectedStatus(status));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"text/plain", "application/json", "text/event-streams", "text/html; text/event-stream"})
    void wrongContentTypeFailsTheConnection(String contentType) throws Exception {
        RecordingEventSourceListener listener = runUntilClosed(ex -> {
            ex.startStream(contentType);
            ex.send("data: looks like SSE\n\n");
            ex.holdUntilClientCloses();
        });
        assertThat(listener.errors()).containsExactly(new UnexpectedContentType(contentType));
    }

    @Test
    void missingContentTypeFailsTheConnection() throws Exception {
        RecordingEventSourceListener listener = runUntilClosed(ex -> ex.respond(200, null, "data: x\n\n"));
        assertThat(listener.errors()).containsExactly(new UnexpectedContentType(""));
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"text/event-stream", "TEXT/Event-Stream", " text/event-stream ;charset=UTF-8"})
    void eventStreamContentTypeIsMatchedIgnoringCaseAndParameters(String contentType) throws Exception {
        server.enqueue(ex -> {
            ex.startStream(contentType);
            ex.send("data: fine\n\n");
            ex.holdUntilClientCloses();
        });
        HeraldEventSource source = HeraldEventSource.create(fastOptions(server.uri()));
        BlockingIterator<SseEvent> events = source.events();
        try (HeraldEventSource started = source.start()) {
            assertThat(events.poll(PATIENCE)).map(SseEvent::data).contains("fine");
        }
    }
}
