package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SseStream;
import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /.well-known/mercure}: the update's fields, the answer, and every refusal. */
class PublishTest extends MercureHubTest {

    @Test
    void answersWithTheGeneratedIdAsPlainTextAndDeliversTheUpdateUnderIt() {
        String topic = uniqueTopic("books");
        SseStream stream = subscribe(null, topic);

        HttpResponse<String> response = publish(Tokens.publisher("*"), Form.of("topic", topic, "data", "{\"title\":\"Dune\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body()).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        awaitData(stream, "{\"title\":\"Dune\"}");
        assertThat(stream.events().getFirst().id()).isEqualTo(response.body());
    }

    @Test
    void honoursTheTypeRetryAndACustomId() {
        String topic = uniqueTopic("custom");
        SseStream stream = subscribe(null, topic);
        String id = "https://example.com/revisions/" + java.util.UUID.randomUUID();

        HttpResponse<String> response = publish(Tokens.publisher(topic),
                Form.of("topic", topic, "data", "line 1\nline 2", "id", id, "type", "book.updated", "retry", "2500"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(id);
        awaitData(stream, "line 1\nline 2");
        assertThat(stream.events().getFirst().id()).isEqualTo(id);
        assertThat(stream.events().getFirst().type()).isEqualTo("book.updated");
    }

    @Test
    void aTakenIdIsAConflict() {
        String topic = uniqueTopic("dup");
        String id = "urn:example:" + java.util.UUID.randomUUID();
        publishOk(Form.of("topic", topic, "id", id));

        HttpResponse<String> again = publish(Tokens.publisher("*"), Form.of("topic", topic, "id", id));

        assertProblem(again, 409, "already exists");
    }

    @Test
    void refusesMalformedUpdatesWith400() {
        String token = Tokens.publisher("*");
        String topic = uniqueTopic("bad");
        assertProblem(publish(token, Form.of("data", "no topic")), 400, "missing 'topic'");
        assertProblem(publish(token, Form.of("topic", topic, "retry", "soon")), 400, "'retry'");
        assertProblem(publish(token, Form.of("topic", topic, "id", "#fragment")), 400, "'#'");
        assertProblem(publish(token, Form.of("topic", topic, "id", "a\nb")), 400, "'id'");
        assertProblem(publish(token, Form.of("topic", topic, "type", "a\rb")), 400, "'type'");
        assertProblem(publish(token, Form.of("topic", "bell\u0007")), 400, "control characters");
        HttpResponse<String> brokenEscape = send(HttpRequest.newBuilder(hub())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=%zz")));
        assertProblem(brokenEscape, 400, "percent-escape");
        HttpResponse<String> notUtf8 = send(HttpRequest.newBuilder(hub())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=%C3%28")));
        assertProblem(notUtf8, 400, "UTF-8");
    }

    @Test
    void onlyTheBodyCountsAndOnlyAsAForm() {
        String token = Tokens.publisher("*");
        HttpResponse<String> json = send(HttpRequest.newBuilder(hub())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"x\"}")));
        assertProblem(json, 415, "application/x-www-form-urlencoded");

        HttpResponse<String> topicInQuery = send(HttpRequest.newBuilder(hub("topic", uniqueTopic("query")))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("data=x")));
        assertProblem(topicInQuery, 400, "missing 'topic'");

        HttpResponse<String> tooLarge = publish(token, Form.of("topic", uniqueTopic("big"), "data", "x".repeat(70 * 1024)));
        assertProblem(tooLarge, 413, "herald.publish.max-bytes");
    }

    @Test
    void aPublisherNeedsAValidPublisherToken() {
        Form form = Form.of("topic", uniqueTopic("auth"), "data", "x");

        HttpResponse<String> none = publish(null, form);
        assertProblem(none, 401, "no publisher token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mercure\"");

        HttpResponse<String> subscriberKey = publish(Tokens.sign(Tokens.SUBSCRIBER_KEY,
                Map.of("mercure", Map.of("publish", List.of("*"))), null), form);
        assertProblem(subscriberKey, 401, "bad signature");
        assertThat(subscriberKey.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("error=\"invalid_token\""));

        assertProblem(publish("not.a.jwt", form), 401, "malformed token");
        assertProblem(publish(Tokens.sign(Tokens.PUBLISHER_KEY, Map.of("mercure", Map.of("publish", List.of("*"))),
                java.time.Instant.now().minusSeconds(5)), form), 401, "expired");
    }

    @Test
    void theTokenMustCoverEveryTopic() {
        String books = uniqueTopic("books");
        String other = uniqueTopic("other");

        assertProblem(publish(Tokens.sign(Tokens.PUBLISHER_KEY, Map.of("mercure", Map.of("subscribe", List.of("*"))), null),
                Form.of("topic", books)), 403, "no 'mercure.publish'");
        assertProblem(publish(Tokens.publisher(books), Form.of("topic", books, "topic", other)), 403, other);
        assertThat(publish(Tokens.publisher("https://example.com/books/{rest}", "https://example.com/other/{rest}"),
                Form.of("topic", books, "topic", other)).statusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyPublishClaimAllowsPublicUpdatesOnly() {
        String topic = uniqueTopic("public-only");
        String token = Tokens.publisher();

        assertThat(publish(token, Form.of("topic", topic, "data", "public")).statusCode()).isEqualTo(200);
        assertProblem(publish(token, Form.of("topic", topic, "data", "secret", "private", "on")), 403, "empty array");
    }

    @Test
    void theHubsOwnNamespaceIsReserved() {
        String token = Tokens.publisher("*");
        assertProblem(publish(token, Form.of("topic", "/.well-known/mercure/subscriptions/x/y")), 403, "reserved");
        assertProblem(publish(token, Form.of("topic", "https://example.com/.well-known/mercure/subscriptions/x/y")), 403,
                "reserved");
        assertThat(publish(token, Form.of("topic", "https://example.com/.well-known/mercure-like")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anotherMethodIsAProblemToo() {
        HttpResponse<String> put = send(HttpRequest.newBuilder(hub()).PUT(HttpRequest.BodyPublishers.ofString("topic=x")));

        assertProblem(put, 405, "PUT");
        assertThat(put.headers().firstValue("Allow").orElse("")).contains("POST").contains("GET");
    }
}
