package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.testing.SseStream;
import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import dev.herald.mercure.topic.UriComponent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Active subscriptions: the JSON-LD API with its ETag, and the subscription events. */
class SubscriptionsApiTest extends MercureHubTest {

    private static final String API = "/.well-known/mercure/subscriptions";
    private static final String ALL_SUBSCRIPTIONS = API + "{/topic}{/subscriber}";
    private static final JsonMapper JSON = JsonMapper.shared();
    private final String reader = Tokens.subscriber(ALL_SUBSCRIPTIONS);

    @Test
    void listsActiveSubscriptionsAsJsonLd() {
        String books = uniqueTopic("books");
        String template = uniqueTopic("shelves") + "/{id}";
        subscribe(Tokens.subscriberWithPayload(Map.of("user", "alice"), books), books, template);

        HttpResponse<String> response = get(API, reader, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/ld+json"));
        assertThat(response.headers().firstValue("Link")).hasValue("<" + origin() + "/.well-known/mercure>; rel=\"mercure\"");
        JsonNode collection = JSON.readTree(response.body());
        assertThat(collection.get("@context").asString()).isEqualTo("https://mercure.rocks/");
        assertThat(collection.get("id").asString()).isEqualTo(API);
        assertThat(collection.get("type").asString()).isEqualTo("Subscriptions");
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + collection.get("lastEventID").asString() + "\"");
        List<JsonNode> mine = collection.get("subscriptions").valueStream()
                .filter(s -> s.get("topic").asString().equals(books) || s.get("topic").asString().equals(template))
                .toList();
        assertThat(mine).hasSize(2);
        JsonNode first = mine.getFirst();
        String subscriber = first.get("subscriber").asString();
        assertThat(subscriber).startsWith("urn:uuid:");
        assertThat(first.get("type").asString()).isEqualTo("Subscription");
        assertThat(first.get("active").asBoolean()).isTrue();
        assertThat(first.get("payload").get("user").asString()).isEqualTo("alice");
        assertThat(first.has("@context")).as("only at the root").isFalse();
        assertThat(first.get("id").asString()).isEqualTo(
                API + "/" + UriComponent.encode(first.get("topic").asString()) + "/" + UriComponent.encode(subscriber));
    }

    @Test
    void listsTheSubscriptionsOfOneTopicAndOneSubscription() {
        String books = uniqueTopic("books");
        String other = uniqueTopic("other");
        subscribe(null, books);
        subscribe(null, books, other);

        JsonNode ofBooks = JSON.readTree(get(API + "/" + UriComponent.encode(books), reader, null).body());
        assertThat(ofBooks.get("id").asString()).isEqualTo(API + "/" + UriComponent.encode(books));
        assertThat(ofBooks.get("subscriptions").valueStream().map(s -> s.get("topic").asString()).toList())
                .containsExactly(books, books);

        JsonNode any = ofBooks.get("subscriptions").get(0);
        HttpResponse<String> one = get(any.get("id").asString(), reader, null);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        JsonNode document = JSON.readTree(one.body());
        assertThat(document.get("@context").asString()).isEqualTo("https://mercure.rocks/");
        assertThat(document.get("subscriber").asString()).isEqualTo(any.get("subscriber").asString());
        assertThat(document.get("topic").asString()).isEqualTo(books);
        assertThat(document.get("lastEventID").asString()).isNotBlank();

        assertProblem(get(API + "/" + UriComponent.encode(books) + "/" + UriComponent.encode("urn:uuid:nobody"), reader, null),
                404, "no active subscription");
    }

    @Test
    void answers304WhileNothingChanged() {
        AtomicReference<String> etag = new AtomicReference<>();
        // another test's subscription events may land between two requests: retry until two agree
        await().atMost(PATIENCE).untilAsserted(() -> {
            etag.set(get(API, reader, null).headers().firstValue("ETag").orElseThrow());
            HttpResponse<String> unchanged = get(API, reader, etag.get());
            assertThat(unchanged.statusCode()).isEqualTo(304);
            assertThat(unchanged.body()).isEmpty();
            assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag.get());
        });

        publishOk(Form.of("topic", uniqueTopic("change")));

        HttpResponse<String> changed = get(API, reader, etag.get());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(etag.get());
    }

    @Test
    void needsASubscriberTokenThatCoversTheUrl() {
        assertProblem(get(API, null, null), 401, "no subscriber token");
        assertProblem(get(API, Tokens.subscriber("https://example.com/{x}"), null), 403, "does not cover");
        assertProblem(get(API, Tokens.publisher("*"), null), 401, "bad signature");
        assertThat(get(API, Tokens.subscriber("*"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void publishesAPrivateEventWhenASubscriptionStartsAndEnds() {
        String topic = uniqueTopic("watched");
        String marker = uniqueTopic("marker");
        SseStream watcher = subscribe(reader, ALL_SUBSCRIPTIONS);
        SseStream anonymousWatcher = subscribe(null, ALL_SUBSCRIPTIONS, marker);

        SseStream watched = subscribe(Tokens.subscriberWithPayload(Map.of("user", "bob")), topic);
        await().atMost(PATIENCE).until(() -> subscriptionEvents(watcher, topic).size() == 1);
        JsonNode started = subscriptionEvents(watcher, topic).getFirst();
        assertThat(started.get("active").asBoolean()).isTrue();
        assertThat(started.get("@context").asString()).isEqualTo("https://mercure.rocks/");
        assertThat(started.get("payload").get("user").asString()).isEqualTo("bob");

        watched.close();
        await().atMost(PATIENCE).until(() -> subscriptionEvents(watcher, topic).size() == 2);
        JsonNode ended = subscriptionEvents(watcher, topic).get(1);
        assertThat(ended.get("active").asBoolean()).isFalse();
        assertThat(ended.get("id").asString()).isEqualTo(started.get("id").asString());

        publishOk(Form.of("topic", marker, "data", "marker"));
        await().atMost(PATIENCE).until(() -> anonymousWatcher.data().contains("marker"));
        assertThat(subscriptionEvents(anonymousWatcher, topic)).as("subscription events are private").isEmpty();
    }

    private static List<JsonNode> subscriptionEvents(SseStream stream, String topic) {
        return stream.events().stream()
                .map(SseEvent::data)
                .filter(data -> data.startsWith("{"))
                .map(JSON::readTree)
                .filter(node -> node.has("topic") && node.get("topic").asString().equals(topic))
                .toList();
    }

    private HttpResponse<String> get(String path, String token, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return send(request);
    }
}
