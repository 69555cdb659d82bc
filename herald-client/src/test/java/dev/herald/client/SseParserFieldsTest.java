package dev.herald.client;

import static dev.herald.client.RecordingListener.event;
import static dev.herald.client.RecordingListener.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.RecordingListener.Comment;
import dev.herald.client.RecordingListener.Retry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field-level rules of WHATWG HTML §9.2.6, each run with CR, LF and CRLF line endings at chunk sizes
 * 1, 2, 3 and whole. Scripts are written with LF and converted by {@link Chunking}.
 */
class SseParserFieldsTest {

    private static final String ALL = "dev.herald.client.Chunking#all";

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void dataLinesAreJoinedWithLfAndOnlyTheFinalLfIsRemoved(Chunking c) {
        assertThat(c.parse("data: a\ndata: b\ndata\ndata: c\n\n"))
                .containsExactly(message("a\nb\n\nc"));
        assertThat(c.parse("data: a\ndata\n\n")).containsExactly(message("a\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void oneLeadingSpaceIsRemovedFromTheValue(Chunking c) {
        assertThat(c.parse("data:x\n\ndata: x\n\ndata:  x\n\ndata:\tx\n\n"))
                .containsExactly(message("x"), message("x"), message(" x"), message("\tx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void valueIsSplitOnTheFirstColonOnly(Chunking c) {
        assertThat(c.parse("data: a: b:c\n\n")).containsExactly(message("a: b:c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void lineWithoutColonIsAFieldWithAnEmptyValue(Chunking c) {
        // the spec's own example: "data" alone yields an empty data line
        assertThat(c.parse("data\n\ndata\ndata\n\ndata:")).containsExactly(message(""), message("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void emptyDataBufferDispatchesNothing(Chunking c) {
        assertThat(c.parse("\n\n\nid: 1\n\nevent: x\n\n:c\n\n")).containsExactly(new Comment("c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void eventSetsTheTypeAndDefaultIsMessage(Chunking c) {
        assertThat(c.parse("event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n"))
                .containsExactly(event("", "add", "1"), message("2"), message("3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void typeIsResetByABlankLineEvenWhenNothingIsDispatched(Chunking c) {
        assertThat(c.parse("event: orphan\n\ndata: x\n\n")).containsExactly(message("x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void lastEventIdPersistsAcrossEventsUntilChanged(Chunking c) {
        assertThat(c.parse("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n"))
                .containsExactly(event("1", "message", "a"), event("1", "message", "b"),
                        event("2", "message", "c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void emptyIdResetsTheLastEventId(Chunking c) {
        assertThat(c.parse("id: 7\ndata: a\n\nid\ndata: b\n\nid:\ndata: c\n\n"))
                .containsExactly(event("7", "message", "a"), message("b"), message("c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void idContainingNulIsIgnored(Chunking c) {
        assertThat(c.parse("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n"))
                .containsExactly(event("1", "message", "a"), event("1", "message", "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void idIsTakenVerbatimApartFromTheLeadingSpace(Chunking c) {
        assertThat(c.parse("id:  spaced id \ndata: a\n\n"))
                .containsExactly(event(" spaced id ", "message", "a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void retryWithAsciiDigitsIsReportedImmediately(Chunking c) {
        assertThat(c.parse("retry: 1500\ndata: a\n\nretry:0\n")).containsExactly(
                new Retry(1500), message("a"), new Retry(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void retryThatIsNotOnlyAsciiDigitsIsIgnored(Chunking c) {
        assertThat(c.parse("retry: 1a\nretry:  100\nretry: -5\nretry: 1.5\nretry:\nretry\n"
                + "retry: \u0661\u0662\nretry: 10 \ndata: a\n\n"))
                .containsExactly(message("a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void retryTooLargeForALongSaturates(Chunking c) {
        assertThat(c.parse("retry: 99999999999999999999999\n")).containsExactly(new Retry(Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void unknownAndWrongCaseFieldsAreIgnored(Chunking c) {
        assertThat(c.parse("foo: bar\nData: x\nEVENT: y\n data: z\ndata: a\n\n"))
                .containsExactly(message("a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void commentsAreReportedInOrderWithOneLeadingSpaceRemoved(Chunking c) {
        assertThat(c.parse(":first\ndata: a\n:  second\n:\n\n"))
                .containsExactly(new Comment("first"), new Comment(" second"), new Comment(""), message("a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void commentsDoNotAffectTheEvent(Chunking c) {
        assertThat(c.parse("data: a\n: data: not data\ndata: b\n\n"))
                .filteredOn(RecordingListener.Event.class::isInstance)
                .containsExactly(message("a\nb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void specExampleWithMixedFields(Chunking c) {
        String script = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
                + "data:  third event\n\n";
        assertThat(c.parse(script)).containsExactly(
                new Comment("test stream"),
                event("1", "message", "first event"),
                message("second event"),
                message(" third event"));
    }
}
