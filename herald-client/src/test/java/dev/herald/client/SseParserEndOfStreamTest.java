package dev.herald.client;

import static dev.herald.client.RecordingListener.event;
import static dev.herald.client.RecordingListener.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** End of stream, the last event ID string, parser reuse, and listener failures. */
class SseParserEndOfStreamTest {

    private static final String ALL = "dev.herald.client.Chunking#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void partialEventAtEndOfStreamIsDiscarded(Chunking c) {
        assertThat(c.parse("data: complete\n\ndata: partial\n")).containsExactly(message("complete"));
        assertThat(c.parse("data: complete\n\ndata: unterminated line")).containsExactly(message("complete"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void lastEventIdIsCommittedAtEveryBlankLineButNotAtEnd(Chunking c) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        c.feed(parser, c.encode("id: 1\ndata: a\n\nid: 2\n\nid: 3\ndata: pending\n"));
        // "id: 2" dispatched nothing but still updated the last event ID string
        assertThat(parser.lastEventId()).isEqualTo("2");
        parser.end();
        assertThat(parser.lastEventId()).isEqualTo("2");
        assertThat(listener.events()).containsExactly(new SseEvent("1", "message", "a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void parserIsReusableAfterEndAndKeepsTheLastEventId(Chunking c) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        c.feed(parser, c.encode("id: 41\ndata: a\n\nid: 42\nevent: t\ndata: cut"));
        parser.end();
        // second connection: BOM is stripped again, the cut event's id, type and data are gone
        byte[] second = c.encode("\uFEFFdata: b\n\n");
        c.feed(parser, second);
        parser.end();
        assertThat(listener.signals()).containsExactly(event("41", "message", "a"), event("41", "message", "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void initialLastEventIdIsCarriedUntilReplaced(Chunking c) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener, "seed");
        assertThat(parser.lastEventId()).isEqualTo("seed");
        c.feed(parser, c.encode("data: a\n\nid: 9\ndata: b\n\n"));
        assertThat(listener.signals()).containsExactly(event("seed", "message", "a"), event("9", "message", "b"));
    }

    @Test
    void endWithoutAnyInputIsHarmless() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        parser.end();
        parser.end();
        assertThat(listener.signals()).isEmpty();
        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void listenerExceptionPropagatesAndLeavesTheParserConsistent() {
        RecordingListener recorder = new RecordingListener();
        SseParser parser = new SseParser(new SseListener() {
            @Override
            public void onEvent(SseEvent event) {
                if (event.data().equals("boom")) {
                    throw new IllegalStateException("listener failed");
                }
                recorder.onEvent(event);
            }
        });
        byte[] bytes = "event: x\ndata: boom\n\ndata: lost in same chunk\n\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.feed(bytes, 0, bytes.length)).hasMessage("listener failed");
        byte[] next = "data: ok\n\n".getBytes(StandardCharsets.UTF_8);
        parser.feed(next, 0, next.length);
        // type "x" did not leak into the next event
        assertThat(recorder.events()).containsExactly(new SseEvent("", "message", "ok"));
    }

    @Test
    void rejectsInvalidRanges() {
        SseParser parser = new SseParser(event -> { });
        assertThatThrownBy(() -> parser.feed(new byte[4], 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> parser.feed(new byte[4], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new SseParser(null)).isInstanceOf(NullPointerException.class);
    }
}
