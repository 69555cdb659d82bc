package dev.herald.client;

import static dev.herald.client.ClientTestSupport.PATIENCE;
import static dev.herald.client.ClientTestSupport.eventually;
import static dev.herald.client.ClientTestSupport.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code close()} stops everything promptly, from whatever the source is blocked on. */
class HeraldEventSourceCloseTest extends ScriptedServerTest {

    /** Far below any timeout or backoff in play, far above the few ms closing really takes. */
    private static final long PROMPT_MILLIS = 2_000;

    /** No read timeout and a long backoff, so only close() can end a wait. */
    private EventSourceOptions patientOptions() {
        return fastOptions(server.uri()).withReadTimeout(Duration.ZERO)
                .withInitialRetry(Duration.ofMinutes(1)).withMaxBackoff(Duration.ofMinutes(1));
    }

    private static long millisToClose(HeraldEventSource source) {
        long start = System.nanoTime();
        source.close();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void closeWhileReadingDisconnectsAndEndsTheThread() throws Exception {
        AtomicBoolean clientClosed = new AtomicBoolean();
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: a\n\n");
            clientClosed.set(ex.awaitClientClose(Duration.ofSeconds(10)));
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.open(patientOptions(), listener);
        eventually().until(() -> listener.events().size() == 1);

        assertThat(millisToClose(source)).isLessThan(PROMPT_MILLIS);
        // close() returned after the thread ended and CLOSED was reported
        assertThat(source.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(source.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(listener.callbacks().getLast()).isEqualTo(new RecordingEventSourceListener.State(ConnectionState.CLOSED));
        assertThat(listener.errors()).isEmpty();
        assertThat(source.failure()).isEmpty();
        eventually().untilTrue(clientClosed);
    }

    @Test
    void closeDuringBackoffIsPrompt() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("retry: 60000\ndata: a\n\n");
            ex.end();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.open(patientOptions(), listener);
        eventually().until(() -> source.state() == ConnectionState.RECONNECTING);

        assertThat(millisToClose(source)).isLessThan(PROMPT_MILLIS);
        assertThat(source.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void closeWhileWaitingForResponseHeadersIsPrompt() {
        AtomicBoolean clientClosed = new AtomicBoolean();
        server.enqueue(ex -> clientClosed.set(ex.awaitClientClose(Duration.ofSeconds(10))));
        HeraldEventSource source = HeraldEventSource.open(patientOptions(), event -> { });
        eventually().until(() -> server.requestCount() == 1);

        assertThat(millisToClose(source)).isLessThan(PROMPT_MILLIS);
        assertThat(source.state()).isEqualTo(ConnectionState.CLOSED);
        eventually().untilTrue(clientClosed);
    }

    @Test
    void closeFromAListenerCallbackDoesNotDeadlock() throws Exception {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: 1\n\ndata: 2\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        AtomicReference<HeraldEventSource> self = new AtomicReference<>();
        HeraldEventSource source = HeraldEventSource.create(patientOptions())
                .addListener(event -> self.get().close())
                .addListener(listener);
        self.set(source);
        source.start();
        assertThat(source.awaitTermination(PATIENCE)).isTrue();
        // the event being dispatched when close() was called completes; the next one is not delivered
        assertThat(listener.events()).extracting(SseEvent::data).containsExactly("1");
        assertThat(listener.states()).endsWith(ConnectionState.CLOSED);
    }

    @Test
    void closeReleasesAConnectionBlockedOnAFullIterator() throws Exception {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: 1\n\ndata: 2\n\ndata: 3\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.create(patientOptions()).addListener(listener);
        BlockingIterator<SseEvent> undrained = source.events(1);
        source.start();
        // listeners run before iterators: event 2 reached the listener, then blocked on the full iterator
        eventually().until(() -> listener.events().size() == 2);
        assertThat(listener.events()).hasSize(2);

        assertThat(millisToClose(source)).isLessThan(PROMPT_MILLIS);
        assertThat(undrained.next().data()).isEqualTo("1");
        assertThat(undrained.hasNext()).isFalse();
    }

    @Test
    void closeWakesConsumersBlockedOnTheIterator() throws Exception {
        server.enqueue(ex -> {
            ex.startStream();
            ex.holdUntilClientCloses();
        });
        HeraldEventSource source = HeraldEventSource.create(patientOptions());
        BlockingIterator<SseEvent> events = source.events();
        source.start();
        CompletableFuture<Throwable> taker = new CompletableFuture<>();
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                events.take();
                taker.complete(null);
            } catch (Throwable t) {
                taker.complete(t);
            }
        });
        eventually().until(() -> source.state() == ConnectionState.OPEN
                && consumer.getState() == Thread.State.WAITING);
        source.close();
        assertThat(taker.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void closeBeforeStartReportsClosedOnceAndForbidsStart() throws Exception {
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.create(patientOptions()).addListener(listener);
        assertThat(source.state()).isEqualTo(ConnectionState.NEW);
        assertThat(source.awaitTermination(Duration.ZERO)).isFalse();
        source.close();
        source.close();
        assertThat(source.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(source.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(listener.states()).containsExactly(ConnectionState.CLOSED);
        assertThatThrownBy(source::start).isInstanceOf(IllegalStateException.class);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void closeIsIdempotentAndStartIsIdempotentWhileRunning() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.open(patientOptions(), listener);
        source.start();
        eventually().until(() -> source.state() == ConnectionState.OPEN);
        source.close();
        source.close();
        assertThat(listener.states()).containsExactly(
                ConnectionState.CONNECTING, ConnectionState.OPEN, ConnectionState.CLOSED);
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
