package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.OpenHubTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Resuming after a disconnect: the events published while the client was away, in order, no
 * duplicates, then live ones; by {@code Last-Event-ID} header or {@code lastEventId} parameter (the
 * header wins); and a {@code herald.reset} for an id the hub does not know.
 */
class SubscribeEndpointReplayTest extends OpenHubTestSupport {

    private final String topic = "replay/" + UUID.randomUUID();

    @Test
    void resumesAfterLastEventIdHeaderInOrderWithoutDuplicates() {
        SseStream first = stream(http.subscribeUri("topic", topic));
        String id1 = publish("e1");
        String id2 = publish("e2");
        await().untilAsserted(() -> assertThat(first.data()).containsExactly("e1", "e2"));
        assertThat(first.lastEventId()).isEqualTo(id2);
        first.close();
        String id3 = publish("e3 while away");
        String id4 = publish("e4 while away");

        SseStream second = stream(http.subscribeUri("topic", topic), Map.of("Last-Event-ID", first.lastEventId()));
        String id5 = publish("e5 live");

        await().untilAsserted(() -> assertThat(second.data()).containsExactly("e3 while away", "e4 while away", "e5 live"));
        assertThat(second.events()).extracting(SseEvent::id).containsExactly(id3, id4, id5);
        assertThat(List.of(id1, id2, id3, id4, id5)).doesNotHaveDuplicates();
    }

    @Test
    void resumesAfterLastEventIdQueryParameter() {
        String id1 = publish("q1");
        publish("q2");
        publish("q3");

        SseStream resumed = stream(http.subscribeUri("topic", topic, "lastEventId", id1));
        publish("q4 live");

        await().untilAsserted(() -> assertThat(resumed.data()).containsExactly("q2", "q3", "q4 live"));
    }

    @Test
    void lastEventIdHeaderWinsOverQueryParameter() {
        String id1 = publish("h1");
        String id2 = publish("h2");
        publish("h3");

        SseStream resumed = stream(http.subscribeUri("topic", topic, "lastEventId", id1), Map.of("Last-Event-ID", id2));

        await().untilAsserted(() -> assertThat(resumed.data()).containsExactly("h3"));
    }

    @Test
    void unknownLastEventIdGetsResetFirstThenLiveEvents() {
        publish("before");
        SseStream resumed = stream(http.subscribeUri("topic", topic), Map.of("Last-Event-ID", "no-such-event"));
        // the reset moves the client to the head of the log as it is when the reset is written
        await().untilAsserted(() -> assertThat(resumed.events()).hasSize(1));
        String liveId = publish("after the reset");

        await().untilAsserted(() -> assertThat(resumed.events()).hasSize(2));
        SseEvent reset = resumed.events().getFirst();
        assertThat(reset.type()).isEqualTo("herald.reset");
        assertThat(reset.data()).contains("\"reason\":\"unknown\"");
        assertThat(resumed.events().get(1).data()).isEqualTo("after the reset");
        assertThat(resumed.events().get(1).id()).isEqualTo(liveId);
    }

    private String publish(String data) {
        return http.publishOk(publisher, "{\"topics\": [\"" + topic + "\"], \"data\": \"" + data + "\"}");
    }
}
