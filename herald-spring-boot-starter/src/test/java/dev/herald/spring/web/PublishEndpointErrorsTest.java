package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Every refusal of {@code POST /api/events}: status, problem document, detail, challenge header. */
class PublishEndpointErrorsTest extends OpenHubTestSupport {

    private static final String VALID = "{\"topics\": [\"news\"], \"data\": \"x\"}";

    @Test
    void withoutTokenIs401WithBareChallenge() {
        HttpResponse<String> response = http.publish(null, VALID);

        assertThat(assertProblem(response, 401)).startsWith("no token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"herald\"");
    }

    @Test
    void malformedExpiredAndForgedTokensAre401SayingWhich() {
        Instant expiry = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);

        assertThat(assertProblem(http.publish("x.y.z", VALID), 401)).startsWith("malformed token");
        assertThat(assertProblem(http.publish(TestTokens.expiredAt(expiry), VALID), 401)).startsWith("token expired at " + expiry);
        assertThat(assertProblem(http.publish(TestTokens.signedWithAnotherKey(), VALID), 401)).startsWith("bad signature");
        HttpResponse<String> emptyBearer = http.send(HttpRequest.newBuilder(http.uri("/api/events"))
                .header("Authorization", "Bearer ").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)));
        assertThat(assertProblem(emptyBearer, 401)).startsWith("malformed token");
    }

    @Test
    void malformedJsonIs400WithItsPosition() {
        assertThat(badRequest("{\"topics\": [\"news\"], \"data\": ")).startsWith("malformed JSON at line 1");
        assertThat(badRequest("")).startsWith("the body is empty");
        assertThat(badRequest("[\"news\"]")).startsWith("the body must be a JSON object");
    }

    @Test
    void eventWithoutTopicsOrUsersIs400() {
        assertThat(badRequest("{\"data\": \"x\"}")).startsWith("no target");
        assertThat(badRequest("{\"topics\": [], \"users\": [], \"data\": \"x\"}")).startsWith("no target");
    }

    @Test
    void lineBreaksOrNulInTypeOrIdAre400() {
        assertThat(badRequest("{\"topics\": [\"news\"], \"type\": \"a\\nb\", \"data\": \"x\"}"))
                .isEqualTo("'type': an event type must not contain CR, LF or NUL");
        assertThat(badRequest("{\"topics\": [\"news\"], \"id\": \"a\\rb\", \"data\": \"x\"}"))
                .isEqualTo("'id': an event id must not contain CR, LF or NUL");
        assertThat(badRequest("{\"topics\": [\"news\"], \"id\": \"a\\u0000b\", \"data\": \"x\"}"))
                .isEqualTo("'id': an event id must not contain CR, LF or NUL");
    }

    @Test
    void negativeOrNonNumericRetryIs400() {
        assertThat(badRequest("{\"topics\": [\"news\"], \"retry\": -1, \"data\": \"x\"}")).contains("'retry' must be a whole number");
        assertThat(badRequest("{\"topics\": [\"news\"], \"retry\": \"soon\", \"data\": \"x\"}")).contains("'retry' must be a whole number");
        assertThat(badRequest("{\"topics\": [\"news\"], \"retry\": 1.5, \"data\": \"x\"}")).contains("'retry' must be a whole number");
    }

    @Test
    void invalidTopicsAre400() {
        assertThat(badRequest("{\"topics\": [\"\"], \"data\": \"x\"}")).isEqualTo("'topics'[0]: a topic must not be empty");
        assertThat(badRequest("{\"topics\": [\"news\", \"books/{id}\"], \"data\": \"x\"}")).startsWith("'topics'[1]: 'books/{id}' is a topic selector");
        assertThat(badRequest("{\"topics\": [\"*\"], \"data\": \"x\"}")).startsWith("'topics'[0]: '*' is a topic selector");
        assertThat(badRequest("{\"topics\": \"news\", \"data\": \"x\"}")).startsWith("'topics' must be an array of strings");
        assertThat(badRequest("{\"users\": [\" \"], \"data\": \"x\"}")).isEqualTo("'users'[0]: a user id must not be blank");
    }

    @Test
    void moreThanHundredTopicsIs400() {
        StringBuilder topics = new StringBuilder("\"t0\"");
        for (int i = 1; i < 100; i++) {
            topics.append(", \"t").append(i).append('"');
        }
        assertThat(http.publish(publisher, "{\"topics\": [" + topics + "], \"data\": \"x\"}").statusCode()).isEqualTo(201);
        assertThat(badRequest("{\"topics\": [" + topics + "], \"users\": [\"one-more\"], \"data\": \"x\"}"))
                .contains("at most 100 topics").contains("not 101");
    }

    @Test
    void missingDataUnknownFieldsAndWrongTypesAre400() {
        assertThat(badRequest("{\"topics\": [\"news\"]}")).startsWith("'data' is missing");
        assertThat(badRequest("{\"topic\": [\"news\"], \"data\": \"x\"}")).startsWith("unknown field 'topic'");
        assertThat(badRequest("{\"topics\": [\"news\"], \"private\": \"yes\", \"data\": \"x\"}")).isEqualTo("'private' must be true or false");
        assertThat(badRequest("{\"topics\": [\"news\"], \"type\": 7, \"data\": \"x\"}")).isEqualTo("'type' must be a string");
    }

    @Test
    void duplicateIdIs409() {
        String body = "{\"topics\": [\"news\"], \"id\": \"dup-" + System.nanoTime() + "\", \"data\": \"x\"}";
        assertThat(http.publish(publisher, body).statusCode()).isEqualTo(201);

        assertThat(assertProblem(http.publish(publisher, body), 409)).contains("already exists");
    }

    @Test
    void bodyOverMaxBytesIs413() {
        String big = "{\"topics\": [\"news\"], \"data\": \"" + "x".repeat(64 * 1024) + "\"}";

        assertThat(assertProblem(http.publish(publisher, big), 413)).contains("herald.publish.max-bytes allows at most 65536 bytes");
    }

    @Test
    void otherContentTypeIs415() {
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(http.uri("/api/events"))
                .header("Authorization", "Bearer " + publisher).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)));
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(http.uri("/api/events"))
                .header("Authorization", "Bearer " + publisher)
                .POST(HttpRequest.BodyPublishers.ofString(VALID)));
        HttpResponse<String> jsonSuffix = http.send(HttpRequest.newBuilder(http.uri("/api/events"))
                .header("Authorization", "Bearer " + publisher).header("Content-Type", "application/merge-patch+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)));

        assertThat(assertProblem(text, 415)).contains("text/plain").contains("application/json");
        assertThat(assertProblem(none, 415)).startsWith("no Content-Type");
        assertThat(jsonSuffix.statusCode()).isEqualTo(201);
    }

    @Test
    void wrongMethodIs405Problem() {
        HttpResponse<String> response = http.get("/api/events", java.util.Map.of());

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    private String badRequest(String body) {
        return assertProblem(http.publish(publisher, body), 400);
    }
}
