package dev.herald.client;

import static dev.herald.client.RecordingListener.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** UTF-8 decoding across chunk boundaries, replacement of malformed bytes, and the byte order mark. */
class SseParserUtf8Test {

    private static final String ALL = "dev.herald.client.Chunking#all";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : ((String) part).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void multiByteCharactersSplitAcrossChunksAreDecoded(Chunking c) {
        // 2-byte é, 3-byte €, 4-byte 😀 (surrogate pair in Java), CJK
        String text = "é€😀漢字 ok";
        assertThat(c.parse("data: " + text + "\nevent: \u00fcber\ndata: \u00e9\n\n"))
                .containsExactly(RecordingListener.event("", "\u00fcber", text + "\n\u00e9"));
    }

    @Test
    void everySplitPointOfAFourByteCharacterDecodes() {
        byte[] bytes = "data: 😀\n\n".getBytes(StandardCharsets.UTF_8);
        int emojiStart = "data: ".length();
        for (int split = emojiStart + 1; split < emojiStart + 4; split++) {
            RecordingListener listener = new RecordingListener();
            SseParser parser = new SseParser(listener);
            parser.feed(bytes, 0, split);
            parser.feed(bytes, split, bytes.length - split);
            assertThat(listener.events()).as("split at %d", split)
                    .containsExactly(new SseEvent("", "message", "😀"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void invalidBytesBecomeReplacementCharacters(Chunking c) {
        byte[] script = concat("data: a", new byte[] {(byte) 0xFF}, "b", new byte[] {(byte) 0xC3}, "\n\n");
        // lone 0xFF is invalid; 0xC3 is a lead byte truncated by the line ending
        assertThat(c.parse(c.encode(script))).containsExactly(message("a\uFFFDb\uFFFD"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void truncatedSequenceBeforeLineEndingDoesNotSwallowTheLineEnding(Chunking c) {
        byte[] script = concat("data: x", new byte[] {(byte) 0xE2, (byte) 0x82}, "\n\ndata: y\n\n");
        assertThat(c.parse(c.encode(script))).containsExactly(message("x\uFFFD"), message("y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void leadingBomIsStripped(Chunking c) {
        assertThat(c.parse(c.encode(concat(BOM, "data: a\n\n")))).containsExactly(message("a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void bomIsStrippedOnlyOnceAtStreamStart(Chunking c) {
        // a second BOM is part of the field name of the next line, which is then an unknown field
        byte[] script = concat(BOM, BOM, "data: a\n\n", BOM, "data: b\n\ndata: ", BOM, "c\n\n");
        assertThat(c.parse(c.encode(script))).containsExactly(message("\uFEFFc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void bomOnItsOwnLineLeavesABlankLine(Chunking c) {
        assertThat(c.parse(c.encode(concat(BOM, "\ndata: a\n\n")))).containsExactly(message("a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void bomAfterALeadingBlankLineIsNotAtStreamStart(Chunking c) {
        assertThat(c.parse(c.encode(concat("\n", BOM, "data: a\n\ndata: b\n\n")))).containsExactly(message("b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void nonAsciiInIdAndComments(Chunking c) {
        assertThat(c.parse(":ça va\nid: ключ\ndata: x\n\n")).containsExactly(
                new RecordingListener.Comment("ça va"), RecordingListener.event("ключ", "message", "x"));
    }
}
