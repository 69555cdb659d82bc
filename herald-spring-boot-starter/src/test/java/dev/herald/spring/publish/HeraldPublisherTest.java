package dev.herald.spring.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.testing.SseStream;
import dev.herald.core.topic.Topic;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** The {@link HeraldPublisher} bean: in-process publishing seen by real HTTP subscribers. */
class HeraldPublisherTest extends OpenHubTestSupport {

    record Shipment(String order, Instant shippedAt) {
    }

    @Autowired
    HeraldPublisher heraldPublisher;
    @Autowired
    PayloadEncoder payloadEncoder;
    @Autowired
    JsonMapper applicationJsonMapper;

    @Test
    void notifyUserSendsPrivateJsonToEveryTabOfThatUserOnly() {
        SseStream tab1 = userStream(TestTokens.user("nina-p"));
        SseStream tab2 = userStream(TestTokens.user("nina-p"));
        SseStream other = userStream(TestTokens.user("otto-p"));
        SseStream anonymous = stream(http.subscribeUri("topic", "users/nina-p"));

        Event event = heraldPublisher.notifyUser("nina-p", "notification",
                new Shipment("A-1", Instant.parse("2026-01-02T03:04:05Z")));
        heraldPublisher.notifyUser("otto-p", "notification", "for otto");

        SseEvent expected = new SseEvent(event.id().value(), "notification",
                "{\"order\":\"A-1\",\"shippedAt\":\"2026-01-02T03:04:05Z\"}");
        await().untilAsserted(() -> {
            assertThat(tab1.events()).containsExactly(expected);
            assertThat(tab2.events()).containsExactly(expected);
            assertThat(other.data()).containsExactly("for otto");
        });
        assertThat(event.privateEvent()).isTrue();
        assertThat(anonymous.events()).isEmpty();
    }

    @Test
    void builderEventsGoToTopicsAndUsersWithStringsSentAsIs() {
        SseStream books = stream(http.subscribeUri("topic", "books/{id}"));
        SseStream reader = userStream(TestTokens.user("rita-p"));

        heraldPublisher.publish(HeraldEvent.builder().topic("books/9").type("book.updated").data("plain text, no quotes").build());
        heraldPublisher.publish(HeraldEvent.builder().topic("books/9").user("rita-p").id("builder-own-id")
                .retry(Duration.ofSeconds(5)).data(Map.of("k", List.of(1, 2))).build());

        await().untilAsserted(() -> {
            assertThat(books.events()).extracting(SseEvent::data).containsExactly("plain text, no quotes");
            assertThat(reader.events()).containsExactly(new SseEvent("builder-own-id", "message", "{\"k\":[1,2]}"));
        });
        assertThat(reader.retries()).endsWith(5000L);
    }

    @Test
    void publishesCorePublicationAsGivenAndRefusesDuplicateIds() {
        SseStream stream = stream(http.subscribeUri("topic", "core/pub"));
        Publication publication = Publication.of(List.of(Topic.of("core/pub")), "from the core").withId(
                dev.herald.core.event.EventId.of("core-id-" + System.nanoTime()));

        Event stored = heraldPublisher.publish(publication);

        await().untilAsserted(() -> assertThat(stream.events()).containsExactly(
                new SseEvent(stored.id().value(), "message", "from the core")));
        assertThatThrownBy(() -> heraldPublisher.publish(publication)).isInstanceOf(DuplicateEventIdException.class);
    }

    @Test
    void payloadsAreWrittenWithTheApplicationsJsonMapper() {
        assertThat(payloadEncoder).extracting("jsonMapper").isSameAs(applicationJsonMapper);
    }

    @Test
    void builderRefusesAnEventWithoutTarget() {
        assertThatThrownBy(() -> HeraldEvent.builder().data("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no target");
    }
}
