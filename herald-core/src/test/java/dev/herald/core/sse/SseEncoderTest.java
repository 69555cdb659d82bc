package dev.herald.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseEncoderTest {

    private static String event(String id, String type, String data) {
        byte[] bytes = SseEncoder.event(id == null ? null : EventId.of(id), type == null ? null : EventType.of(type),
                data, Optional.empty());
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void writesIdTypeAndDataEndingWithABlankLine() {
        assertThat(event("42", "update", "hello")).isEqualTo("id: 42\nevent: update\ndata: hello\n\n");
    }

    @Test
    void omitsTheDefaultType() {
        assertThat(event("1", "message", "x")).isEqualTo("id: 1\ndata: x\n\n");
    }

    static Stream<Arguments> lineEndings() {
        return Stream.of(
                Arguments.of("LF", "a\nb\nc", "data: a\ndata: b\ndata: c\n\n"),
                Arguments.of("CR", "a\rb", "data: a\ndata: b\n\n"),
                Arguments.of("CRLF", "a\r\nb", "data: a\ndata: b\n\n"),
                Arguments.of("CR CR", "a\r\rb", "data: a\ndata: \ndata: b\n\n"),
                Arguments.of("LF CR", "a\n\rb", "data: a\ndata: \ndata: b\n\n"),
                Arguments.of("trailing CRLF", "a\r\n", "data: a\ndata: \n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineEndings")
    void splitsDataOnEveryLineEnding(String name, String data, String expected) {
        assertThat(event(null, null, data)).isEqualTo(expected);
    }

    @Test
    void emptyDataIsOneEmptyDataLineSoTheEventIsStillDispatched() {
        assertThat(event(null, null, "")).isEqualTo("data: \n\n");
    }

    @Test
    void leadingSpaceInDataSurvivesTheReadersSpaceStripping() {
        assertThat(event(null, null, "  indented")).isEqualTo("data:   indented\n\n");
    }

    @Test
    void trailingNewlineBecomesAnEmptyLastDataLine() {
        assertThat(event(null, null, "a\n")).isEqualTo("data: a\ndata: \n\n");
    }

    @Test
    void writesUtf8() {
        byte[] bytes = SseEncoder.event(null, null, "\u00e9\u20ac\ud83d\ude00", Optional.empty());
        assertThat(bytes).containsExactly("data: \u00e9\u20ac\ud83d\ude00\n\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesRetryWithTheEvent() {
        byte[] bytes = SseEncoder.event(EventId.of("7"), null, "x", Optional.of(Duration.ofMillis(2500)));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("id: 7\nretry: 2500\ndata: x\n\n");
    }

    @Test
    void commentsAreSplitIntoCommentLines() {
        assertThat(new String(SseEncoder.comment("a\nb"), StandardCharsets.UTF_8)).isEqualTo(": a\n: b\n");
    }

    @Test
    void loneRetryLine() {
        assertThat(new String(SseEncoder.retry(Duration.ofSeconds(3)), StandardCharsets.UTF_8)).isEqualTo("retry: 3000\n\n");
    }

    @Test
    void idsAndTypesCannotSplitAFrame() {
        assertThatThrownBy(() -> EventId.of("a\nid: evil")).hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> EventId.of("a\rb")).hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> EventId.of("a\0b")).hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> EventType.of("a\ndata: x")).hasMessageContaining("CR, LF or NUL");
        assertThatThrownBy(() -> EventType.of("a\0")).hasMessageContaining("CR, LF or NUL");
    }
}
