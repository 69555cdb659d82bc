package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SseStream;
import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reconnection and state reconciliation: {@code Last-Event-ID} in, {@code Last-Event-ID} out. */
class ResumeTest extends MercureHubTest {

    @Test
    void theHeaderResumesAfterTheGivenEventAndIsEchoed() {
        String topic = uniqueTopic("resume");
        String first = publishOk(Form.of("topic", topic, "data", "1"));
        publishOk(Form.of("topic", topic, "data", "2"));
        publishOk(Form.of("topic", uniqueTopic("unrelated"), "data", "not for this stream"));
        publishOk(Form.of("topic", topic, "data", "3"));

        SseStream resumed = stream(hub("topic", topic), Map.of("Last-Event-ID", first));

        assertThat(resumed.header("Last-Event-ID")).isEqualTo(first);
        awaitData(resumed, "2", "3");
        publishOk(Form.of("topic", topic, "data", "4"));
        awaitData(resumed, "2", "3", "4");
    }

    @Test
    void theQueryParameterWorksTooAndTheHeaderTakesPrecedence() {
        String topic = uniqueTopic("query");
        String first = publishOk(Form.of("topic", topic, "data", "1"));
        String second = publishOk(Form.of("topic", topic, "data", "2"));

        SseStream byQuery = stream(hub("topic", topic, "lastEventID", first), Map.of());
        SseStream byLegacyQuery = stream(hub("topic", topic, "Last-Event-ID", first), Map.of());
        SseStream headerWins = stream(hub("topic", topic, "lastEventID", first), Map.of("Last-Event-ID", second));

        awaitData(byQuery, "2");
        awaitData(byLegacyQuery, "2");
        assertThat(headerWins.header("Last-Event-ID")).isEqualTo(second);
        publishOk(Form.of("topic", topic, "data", "3"));
        awaitData(headerWins, "3");
    }

    @Test
    void anUnknownIdStartsAtTheHeadAndTheHeaderSaysSo() {
        String topic = uniqueTopic("unknown");
        publishOk(Form.of("topic", topic, "data", "before"));

        SseStream stream = stream(hub("topic", topic), Map.of("Last-Event-ID", "urn:uuid:never-published"));

        assertNamesTheHead(stream.header("Last-Event-ID"), topic);
        publishOk(Form.of("topic", topic, "data", "after"));
        awaitData(stream, "marker", "after");
    }

    @Test
    void earliestIsAnsweredWithTheHeadOfTheLog() {
        String topic = uniqueTopic("earliest");
        publishOk(Form.of("topic", topic, "data", "before"));

        SseStream stream = stream(hub("topic", topic, "lastEventID", "earliest"), Map.of());

        assertNamesTheHead(stream.header("Last-Event-ID"), topic);
        publishOk(Form.of("topic", topic, "data", "after"));
        awaitData(stream, "marker", "after");
    }

    /**
     * The header names an event the log holds, at or after the last one published before the
     * stream opened: resuming from it replays nothing of the past. (The exact head is asserted in
     * {@code ResumePlannerTest}; here other tests' subscription events may be appended meanwhile.)
     */
    private void assertNamesTheHead(String header, String topic) {
        assertThat(header).isNotNull().isNotEqualTo("urn:uuid:never-published").isNotEqualTo("earliest");
        SseStream fromHeader = stream(hub("topic", topic), Map.of("Last-Event-ID", header));
        assertThat(fromHeader.header("Last-Event-ID")).as("the log holds it").isEqualTo(header);
        publishOk(Form.of("topic", topic, "data", "marker"));
        awaitData(fromHeader, "marker");
    }
}
