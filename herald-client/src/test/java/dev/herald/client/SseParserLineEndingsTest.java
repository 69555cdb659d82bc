package dev.herald.client;

import static dev.herald.client.RecordingListener.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Line splitting: CR, LF, CRLF, mixtures and line endings split across chunks. */
class SseParserLineEndingsTest {

    private static final String ALL = "dev.herald.client.Chunking#all";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void feed(SseParser parser, String ascii) {
        byte[] bytes = ascii(ascii);
        parser.feed(bytes, 0, bytes.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void eachLineEndingSeparatesLinesAndBlankLinesDispatch(Chunking c) {
        assertThat(c.parse("data: one\ndata: two\n\ndata: three\n\n"))
                .containsExactly(message("one\ntwo"), message("three"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void manyConsecutiveBlankLinesDispatchOnce(Chunking c) {
        assertThat(c.parse("data: a\n\n\n\n\ndata: b\n\n\n")).containsExactly(message("a"), message("b"));
    }

    @Test
    void mixedLineEndingsInOneStream() {
        for (int size : new int[] {1, 2, 3, Chunking.WHOLE}) {
            Chunking c = new Chunking(Chunking.LineEnding.LF, size);
            // "\r\n" then "\r" then "\n" then "\r\r" (blank line) then "\n\r" (LF ends a line, CR is a blank line)
            byte[] bytes = ascii("data: a\r\ndata: b\rdata: c\n\r\rdata: d\n\rdata: e\r\n\r\n");
            assertThat(c.parse(bytes)).as("chunk %d", size)
                    .containsExactly(message("a\nb\nc"), message("d"), message("e"));
        }
    }

    @Test
    void crlfSplitAcrossTwoFeedsIsOneLineEnding() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        feed(parser, "data: a\r");
        feed(parser, "\ndata: b\r");
        feed(parser, "\n\r");
        feed(parser, "\n");
        // had the split LF counted as its own line ending, "data: a" would have been dispatched alone
        assertThat(listener.events()).containsExactly(new SseEvent("", "message", "a\nb"));
    }

    @Test
    void crAtEndOfChunkFollowedByAnotherCrIsABlankLine() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        feed(parser, "data: a\r");
        feed(parser, "\rdata: b\r\n\r\n");
        assertThat(listener.events()).containsExactly(
                new SseEvent("", "message", "a"), new SseEvent("", "message", "b"));
    }

    @Test
    void crEndingDispatchesWithoutWaitingForTheNextChunk() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        feed(parser, "data: now\r\r");
        assertThat(listener.events()).containsExactly(new SseEvent("", "message", "now"));
    }

    @Test
    void lfAfterSwallowedLfIsABlankLine() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        feed(parser, "data: a\r");
        feed(parser, "\n"); // swallowed: second half of CRLF
        assertThat(listener.events()).isEmpty();
        feed(parser, "\n"); // a real blank line
        assertThat(listener.events()).containsExactly(new SseEvent("", "message", "a"));
    }

    @Test
    void emptyFeedsBetweenCrAndLfDoNotBreakTheCrlf() {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        feed(parser, "data: a\r");
        parser.feed(new byte[0], 0, 0);
        feed(parser, "\ndata: b\r\n\r\n");
        assertThat(listener.events()).containsExactly(new SseEvent("", "message", "a\nb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void longLinesSpanningManyChunksAreReassembled(Chunking c) {
        String big = "x".repeat(100_000);
        assertThat(c.parse("data: " + big + "\n\n")).containsExactly(message(big));
    }
}
