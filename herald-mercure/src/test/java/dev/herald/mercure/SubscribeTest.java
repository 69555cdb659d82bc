package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /.well-known/mercure}: selectors, private updates, the response's headers, refusals. */
class SubscribeTest extends MercureHubTest {

    @Test
    void answersWithAnUncachedEventStream() {
        SseStream stream = subscribe(null, uniqueTopic("headers"));

        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.header("Cache-Control")).contains("no-cache").contains("no-store").contains("private");
        assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(stream.header("Last-Event-ID")).as("only sent when a resumption was asked for").isNull();
    }

    @Test
    void sendsHeartbeatsOnAQuietStream() {
        SseStream stream = subscribe(null, uniqueTopic("quiet"));

        await().atMost(PATIENCE).until(() -> stream.comments().contains("heartbeat"));
    }

    @Test
    void headAnswersWithTheHeadersOnly() {
        HttpResponse<String> head = send(HttpRequest.newBuilder(hub("topic", uniqueTopic("head")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void uriTemplatesAndTheWildcardSelectTopics() {
        String prefix = "https://example.com/shelves/" + java.util.UUID.randomUUID();
        SseStream template = subscribe(null, prefix + "/books/{id}");
        SseStream wildcard = subscribe(null, "*");

        publishOk(Form.of("topic", prefix + "/books/1", "data", "book 1"));
        publishOk(Form.of("topic", prefix + "/books/1/reviews/2", "data", "a review"));
        publishOk(Form.of("topic", prefix + "/books/3", "data", "book 3"));

        awaitData(template, "book 1", "book 3");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(wildcard.data()).containsSubsequence("book 1", "a review", "book 3"));
    }

    @Test
    void aTemplateMatchesItsOwnTextAndAnInvalidTemplateIsAnExactTopic() {
        String base = "https://example.com/odd/" + java.util.UUID.randomUUID();
        SseStream literal = subscribe(null, base + "/{#section}");
        SseStream broken = subscribe(null, base + "/}{");

        publishOk(Form.of("topic", base + "/{#section}", "data", "to the template's text"));
        publishOk(Form.of("topic", base + "/}{", "data", "to the broken one"));

        awaitData(literal, "to the template's text");
        awaitData(broken, "to the broken one");
    }

    @Test
    void severalTopicsOnBothSides() {
        String a = uniqueTopic("a");
        String b = uniqueTopic("b");
        String c = uniqueTopic("c");
        SseStream onAandB = subscribe(null, a, b);
        SseStream onC = subscribe(null, c);

        publishOk(Form.of("topic", a, "data", "to a"));
        publishOk(Form.of("topic", c, "topic", b, "data", "to c, alternate b"));
        publishOk(Form.of("topic", b, "data", "to b"));

        awaitData(onAandB, "to a", "to c, alternate b", "to b");
        awaitData(onC, "to c, alternate b");
    }

    @Test
    void privateUpdatesGoOnlyToSubscribersWhoseTokenCoversATopic() {
        String book = uniqueTopic("books");
        String alternate = "https://example.com/users/alice/?topic=" + java.net.URLEncoder.encode(book, java.nio.charset.StandardCharsets.UTF_8);
        SseStream anonymous = subscribe(null, book);
        SseStream granted = subscribe(Tokens.subscriber(book), book);
        SseStream grantedByTemplate = subscribe(Tokens.subscriber("https://example.com/users/alice/{+rest}"), book);
        SseStream otherGrant = subscribe(Tokens.subscriber(uniqueTopic("elsewhere")), book);

        publishOk(Form.of("topic", book, "data", "secret", "private", "on"));
        publishOk(Form.of("topic", book, "topic", alternate, "data", "secret via alternate", "private", ""));
        publishOk(Form.of("topic", book, "data", "public"));

        awaitData(granted, "secret", "secret via alternate", "public");
        awaitData(grantedByTemplate, "secret via alternate", "public");
        // "public" was published last: once it is in, a private update would have been too
        awaitData(anonymous, "public");
        awaitData(otherGrant, "public");
    }

    @Test
    void refusesBadRequests() {
        assertProblem(send(HttpRequest.newBuilder(hub()).GET()), 400, "missing 'topic'");
        assertProblem(send(HttpRequest.newBuilder(hub("topic", "bell\u0007")).GET()), 400, "control characters");
        assertProblem(send(HttpRequest.newBuilder(url("/.well-known/mercure?topic=%E0%A4")).GET()), 400, "UTF-8");
        String[] tooMany = new String[2 * 101];
        for (int i = 0; i < 101; i++) {
            tooMany[2 * i] = "topic";
            tooMany[2 * i + 1] = "t" + i;
        }
        assertProblem(send(HttpRequest.newBuilder(hub(tooMany)).GET()), 400, "at most 100");
    }

    @Test
    void aTokenThatIsThereMustBeValidEvenWhenAnonymousSubscribersAreAllowed() {
        HttpResponse<String> publisherKey = send(HttpRequest.newBuilder(hub("topic", "x"))
                .header("Authorization", "Bearer " + Tokens.publisher("*")).GET());
        assertProblem(publisherKey, 401, "bad signature");

        HttpResponse<String> notBearer = send(HttpRequest.newBuilder(hub("topic", "x"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic dXNlcjpwYXNz").GET());
        assertProblem(notBearer, 401, "Bearer <token>");
    }

    @Test
    void theTokenMayComeAsQueryParameterOrCookieAndTheHeaderWins() {
        String topic = uniqueTopic("secret");
        String token = Tokens.subscriber(topic);
        SseStream viaQuery = stream(hub("topic", topic, "authorization", token), Map.of());
        SseStream viaCookie = stream(hub("topic", topic), Map.of("Cookie", "mercureAuthorization=" + token));
        HttpResponse<String> badHeaderGoodCookie = send(HttpRequest.newBuilder(hub("topic", topic))
                .header("Authorization", "Bearer not.a.jwt")
                .header("Cookie", "mercureAuthorization=" + token).GET());

        publishOk(Form.of("topic", topic, "data", "secret", "private", "on"));

        awaitData(viaQuery, "secret");
        awaitData(viaCookie, "secret");
        assertThat(badHeaderGoodCookie.statusCode()).isEqualTo(401);
    }
}
