package dev.herald.client;

import static dev.herald.client.ClientTestSupport.eventually;
import static dev.herald.client.ClientTestSupport.fastOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.RecordingEventSourceListener.Comment;
import dev.herald.client.RecordingEventSourceListener.Event;
import dev.herald.client.RecordingEventSourceListener.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Events, comments and states reach listeners and iterators, whatever the chunking on the wire. */
class HeraldEventSourceDeliveryTest extends ScriptedServerTest {

    @Test
    void deliversCommentsEventsAndStatesInStreamOrderOnOneVirtualThread() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send(": hello\n\nid: 1\nevent: greet\ndata: hi\n\ndata: two\ndata: lines\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> listener.events().size() == 2);
            assertThat(source.state()).isEqualTo(ConnectionState.OPEN);
            assertThat(source.lastEventId()).isEqualTo("1");
        }
        assertThat(listener.callbacks()).containsExactly(
                new State(ConnectionState.CONNECTING),
                new State(ConnectionState.OPEN),
                new Comment("hello"),
                new Event(new SseEvent("1", "greet", "hi")),
                new Event(new SseEvent("1", "message", "two\nlines")),
                new State(ConnectionState.CLOSED));
        assertThat(listener.threads()).allSatisfy(t -> assertThat(t.isVirtual()).isTrue());
        assertThat(listener.threads().stream().distinct()).hasSize(1);
    }

    @Test
    void byteByByteChunksWithSplitUtf8AndMixedLineEndings() {
        byte[] stream = ("\uFEFFid: \u00e91\r\nevent: \u00fcn\u00ef\rdata: \uD83D\uDE00 \u20ac \u6f22\n"
                + "data: second line\r\n\r\n:c\u00e9\r\rdata: next\r\r").getBytes(StandardCharsets.UTF_8);
        server.enqueue(ex -> {
            ex.startStream();
            ex.sendByteByByte(stream);
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> listener.events().size() == 2);
        }
        assertThat(listener.events()).containsExactly(
                new SseEvent("\u00e91", "\u00fcn\u00ef", "\uD83D\uDE00 \u20ac \u6f22\nsecond line"),
                new SseEvent("\u00e91", "message", "next"));
        assertThat(listener.comments()).containsExactly("c\u00e9");
        assertThat(listener.errors()).isEmpty();
    }

    @Test
    void crlfSplitAcrossTwoWritesIsOneLineEnding() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: a\r");
            ex.send("\ndata: b\r");
            ex.send("\n\r");
            ex.send("\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        try (HeraldEventSource source = HeraldEventSource.open(fastOptions(server.uri()), listener)) {
            eventually().until(() -> !listener.events().isEmpty());
        }
        assertThat(listener.events()).containsExactly(new SseEvent("", "message", "a\nb"));
    }

    @Test
    void blockingIteratorReceivesEventsInOrderAndEndsAfterClose() throws Exception {
        server.enqueue(ex -> {
            ex.startStream();
            for (int i = 1; i <= 5; i++) {
                ex.send("id: " + i + "\ndata: event " + i + "\n\n");
            }
            ex.holdUntilClientCloses();
        });
        HeraldEventSource source = HeraldEventSource.create(fastOptions(server.uri()));
        BlockingIterator<SseEvent> events = source.events();
        source.start();
        assertThat(events.poll(ClientTestSupport.PATIENCE)).contains(new SseEvent("1", "message", "event 1"));
        assertThat(events.take()).isEqualTo(new SseEvent("2", "message", "event 2"));
        assertThat(events.next()).isEqualTo(new SseEvent("3", "message", "event 3"));
        List<String> rest = events.stream().limit(2).map(SseEvent::data).toList();
        assertThat(rest).containsExactly("event 4", "event 5");

        source.close();
        assertThat(events.hasNext()).isFalse();
        assertThat(events.isEnded()).isTrue();
        assertThat(events.poll(Duration.ofMillis(1))).isEmpty();
    }

    @Test
    void bufferedEventsAreStillDrainedAfterTheSourceCloses() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: a\n\ndata: b\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener listener = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.create(fastOptions(server.uri())).addListener(listener);
        BlockingIterator<SseEvent> events = source.events();
        source.start();
        eventually().until(() -> listener.events().size() == 2);
        source.close();
        List<String> drained = new ArrayList<>();
        events.forEachRemaining(e -> drained.add(e.data()));
        assertThat(drained).containsExactly("a", "b");
    }

    @Test
    void iteratorCreatedAfterTheSourceClosedIsEnded() {
        HeraldEventSource source = HeraldEventSource.create(fastOptions(server.uri()));
        source.close();
        assertThat(source.events().hasNext()).isFalse();
    }

    @Test
    void throwingListenerDoesNotStopTheStreamOrOtherListeners() {
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: 1\n\ndata: 2\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener recorder = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.create(fastOptions(server.uri()))
                .addListener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .addListener(recorder);
        try (source) {
            source.start();
            eventually().until(() -> recorder.events().size() == 2);
            assertThat(source.state()).isEqualTo(ConnectionState.OPEN);
        }
        assertThat(recorder.errors()).isEmpty();
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void removedListenerNoLongerReceivesEvents() throws Exception {
        CountDownLatch removedFlag = new CountDownLatch(1);
        server.enqueue(ex -> {
            ex.startStream();
            ex.send("data: 1\n\n");
            assertThat(removedFlag.await(10, TimeUnit.SECONDS)).isTrue();
            ex.send("data: 2\n\n");
            ex.holdUntilClientCloses();
        });
        RecordingEventSourceListener removed = new RecordingEventSourceListener();
        HeraldEventSource source = HeraldEventSource.create(fastOptions(server.uri())).addListener(removed);
        BlockingIterator<SseEvent> events = source.events();
        try (source) {
            source.start();
            assertThat(events.poll(ClientTestSupport.PATIENCE)).map(SseEvent::data).contains("1");
            assertThat(source.removeListener(removed)).isTrue();
            assertThat(source.removeListener(removed)).isFalse();
            removedFlag.countDown();
            assertThat(events.poll(ClientTestSupport.PATIENCE)).map(SseEvent::data).contains("2");
        }
        assertThat(removed.events()).extracting(SseEvent::data).containsExactly("1");
        assertThat(removed.states()).doesNotContain(ConnectionState.CLOSED);
        assertThat(source.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
