package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/events/batch}: several events in one request, all or (for a refusal before the log) none. */
class BatchPublishEndpointTest extends OpenHubTestSupport {

    private static List<String> ids(HttpResponse<String> response) {
        JsonNode ids = JsonMapper.shared().readTree(response.body()).get("ids");
        List<String> values = new ArrayList<>();
        ids.forEach(id -> values.add(id.stringValue()));
        return values;
    }

    private static String batch(String... events) {
        return "{\"events\": [" + String.join(",", events) + "]}";
    }

    @Test
    void answers201WithTheIdsInOrderAndStreamsGetTheEventsInThatOrder() {
        SseStream stream = stream(http.subscribeUri("topic", "batch/order"));

        HttpResponse<String> response = http.publishBatch(publisher, batch(
                "{\"topics\": [\"batch/order\"], \"data\": \"one\"}",
                "{\"topics\": [\"batch/order\"], \"type\": \"second\", \"data\": {\"n\": 2}}",
                "{\"topics\": [\"batch/order\"], \"id\": \"own-3\", \"data\": \"three\"}"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        List<String> ids = ids(response);
        assertThat(ids).hasSize(3).doesNotHaveDuplicates().endsWith("own-3");
        await().untilAsserted(() -> assertThat(stream.events()).containsExactly(
                new SseEvent(ids.get(0), "message", "one"),
                new SseEvent(ids.get(1), "second", "{\"n\":2}"),
                new SseEvent("own-3", "message", "three")));
    }

    @Test
    void eachEventGoesToItsOwnTargetsWithItsOwnPrivacy() {
        SseStream ursula = userStream(TestTokens.user("ursula"), "batch/news");
        SseStream anonymous = stream(http.subscribeUri("topic", "batch/news"));

        http.publishBatch(publisher, batch(
                "{\"users\": [\"ursula\"], \"data\": \"for ursula\"}",
                "{\"topics\": [\"batch/news\"], \"data\": \"for all\"}",
                "{\"topics\": [\"batch/news\"], \"private\": true, \"data\": \"for the granted\"}"));

        await().untilAsserted(() -> {
            assertThat(ursula.data()).containsExactly("for ursula", "for all");
            assertThat(anonymous.data()).containsExactly("for all");
        });
    }

    @Test
    void aBadEventIsNamedByItsIndexAndNothingOfTheBatchIsStored() {
        SseStream stream = stream(http.subscribeUri("topic", "batch/bad"));

        String detail = assertProblem(http.publishBatch(publisher, batch(
                "{\"topics\": [\"batch/bad\"], \"data\": \"fine\"}",
                "{\"topics\": [\"batch/bad\"], \"topic\": \"typo\", \"data\": \"x\"}")), 400);
        assertThat(detail).startsWith("events[1]: unknown field 'topic'");

        assertThat(assertProblem(http.publishBatch(publisher, batch(
                "{\"topics\": [\"batch/bad\"], \"data\": \"fine\"}", "\"not an event\"")), 400))
                .startsWith("events[1]: must be a JSON object");
        assertThat(assertProblem(http.publishBatch(publisher, batch(
                "{\"topics\": [\"batch/bad\"], \"data\": \"fine\"}", "{\"topics\": [\"batch/bad\"]}")), 400))
                .startsWith("events[1]: 'data' is missing");
        assertThat(assertProblem(http.publishBatch(publisher, batch(
                "{\"topics\": [\"batch/bad\"], \"id\": \"twice\", \"data\": 1}",
                "{\"topics\": [\"batch/bad\"], \"id\": \"twice\", \"data\": 2}")), 400))
                .isEqualTo("events[1]: the id 'twice' is given twice in the batch; event ids must be unique");

        http.publishOk(publisher, "{\"topics\": [\"batch/bad\"], \"data\": \"marker\"}");
        await().untilAsserted(() -> assertThat(stream.data()).containsExactly("marker"));
    }

    @Test
    void theBatchItselfMustBeAnObjectWithANonEmptyEventsArray() {
        assertThat(assertProblem(http.publishBatch(publisher, "[{\"topics\": [\"a\"], \"data\": 1}]"), 400))
                .startsWith("the body must be a JSON object such as {\"events\": [");
        assertThat(assertProblem(http.publishBatch(publisher, "{\"events\": []}"), 400))
                .isEqualTo("'events' is empty: a batch carries 1 to 100 events");
        assertThat(assertProblem(http.publishBatch(publisher, "{\"events\": {}}"), 400))
                .startsWith("'events' must be an array of events");
        assertThat(assertProblem(http.publishBatch(publisher, "{}"), 400))
                .startsWith("'events' must be an array of events");
        assertThat(assertProblem(http.publishBatch(publisher, "{\"events\": [], \"topics\": [\"a\"]}"), 400))
                .startsWith("unknown field 'topics'; a batch has one field, events");
        assertThat(assertProblem(http.publishBatch(publisher, "{\"events\": [{\"topics\""), 400))
                .startsWith("malformed JSON");
        assertThat(assertProblem(http.publishBatch(publisher, ""), 400)).startsWith("the body is empty");
    }

    @Test
    void atMostMaxBatchEventsAndMaxBatchBytes() {
        String event = "{\"topics\": [\"batch/many\"], \"data\": 1}";
        String tooMany = batch(IntStream.range(0, 101).mapToObj(i -> event).toArray(String[]::new));
        assertThat(assertProblem(http.publishBatch(publisher, tooMany), 400))
                .isEqualTo("the batch has 101 events, more than herald.publish.max-batch-events (100): send smaller batches");

        // 100 events within the default 1MB: more than POST /api/events takes in one body (64KB)
        String big = "{\"topics\": [\"batch/many\"], \"data\": \"" + "x".repeat(9_900) + "\"}";
        String hundred = batch(IntStream.range(0, 100).mapToObj(i -> big).toArray(String[]::new));
        assertThat(hundred.length()).isBetween(990_000, 1_048_576);
        HttpResponse<String> ok = http.publishBatch(publisher, hundred);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(ids(ok)).hasSize(100).doesNotHaveDuplicates();

        String huge = "{\"topics\": [\"batch/many\"], \"data\": \"" + "x".repeat(11_000) + "\"}";
        String overLimit = batch(IntStream.range(0, 100).mapToObj(i -> huge).toArray(String[]::new));
        assertThat(assertProblem(http.publishBatch(publisher, overLimit), 413)).contains("1048576");
    }

    @Test
    void everyEventMustBeCoveredByThePublishGrantsOrNothingIsStored() {
        SseStream stream = stream(http.subscribeUri("topic", "books/7"));
        String bookshop = TestTokens.publisher("books/{id}");

        HttpResponse<String> refused = http.publishBatch(bookshop, batch(
                "{\"topics\": [\"books/7\"], \"data\": \"allowed\"}",
                "{\"topics\": [\"news\"], \"data\": \"not allowed\"}"));

        assertThat(assertProblem(refused, 403)).isEqualTo("events[1]: not allowed to publish to topic 'news':"
                + " no selector in the token's herald.publish claim matches it");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer error=\"insufficient_scope\""));

        http.publishOk(bookshop, "{\"topics\": [\"books/7\"], \"data\": \"marker\"}");
        await().untilAsserted(() -> assertThat(stream.data()).containsExactly("marker"));
    }

    @Test
    void aTakenIdStopsTheBatchThereAndTheProblemListsWhatWasStored() {
        SseStream stream = stream(http.subscribeUri("topic", "batch/dup"));
        http.publishOk(publisher, "{\"topics\": [\"batch/dup\"], \"id\": \"taken\", \"data\": \"first\"}");

        HttpResponse<String> response = http.publishBatch(publisher, batch(
                "{\"topics\": [\"batch/dup\"], \"id\": \"d1\", \"data\": \"a\"}",
                "{\"topics\": [\"batch/dup\"], \"data\": \"b\"}",
                "{\"topics\": [\"batch/dup\"], \"id\": \"taken\", \"data\": \"c\"}",
                "{\"topics\": [\"batch/dup\"], \"data\": \"d\"}"));

        String detail = assertProblem(response, 409);
        assertThat(detail).startsWith("events[2]: an event with id 'taken' already exists")
                .endsWith("events[0..1] were stored (their ids are in 'stored'), events[2] and those after it were not");
        JsonNode stored = JsonMapper.shared().readTree(response.body()).get("stored");
        assertThat(stored.size()).isEqualTo(2);
        assertThat(stored.get(0).stringValue()).isEqualTo("d1");
        await().untilAsserted(() -> assertThat(stream.events()).extracting(SseEvent::data).containsExactly("first", "a", "b"));
        assertThat(stream.events().get(2).id()).isEqualTo(stored.get(1).stringValue());
    }

    @Test
    void refusalsBeforeTheBodyAreThoseOfTheSinglePublish() {
        assertThat(assertProblem(http.publishBatch(null, batch("{\"topics\": [\"a\"], \"data\": 1}")), 401))
                .startsWith("no token");
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(http.uri("/api/events/batch"))
                .header("Authorization", "Bearer " + publisher).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(batch("{\"topics\": [\"a\"], \"data\": 1}"))));
        assertThat(assertProblem(text, 415)).contains("application/json");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(http.uri("/api/events/batch")).GET());
        assertThat(assertProblem(get, 405)).isEqualTo("Method 'GET' is not supported.");
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aLargeBatchArrivesWholeAndInOrder() {
        SseStream stream = stream(http.subscribeUri("topic", "batch/large"));
        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "e" + i).toList();

        List<String> ids = ids(http.publishBatch(publisher, batch(sent.stream()
                .map(d -> "{\"topics\": [\"batch/large\"], \"data\": \"" + d + "\"}").toArray(String[]::new))));

        assertThat(ids).hasSize(100);
        await().untilAsserted(() -> assertThat(stream.data()).containsExactlyElementsOf(sent));
        assertThat(stream.events().stream().map(SseEvent::id).collect(Collectors.toList())).isEqualTo(ids);
    }
}
