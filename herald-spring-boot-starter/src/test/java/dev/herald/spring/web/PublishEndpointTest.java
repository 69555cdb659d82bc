package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code POST /api/events} when it succeeds, and how publish grants limit it. */
class PublishEndpointTest extends OpenHubTestSupport {

    @Test
    void answers201WithTheIdOnceTheEventIsInTheLog() {
        SseStream stream = stream(http.subscribeUri("topic", "pub/created"));
        HttpResponse<String> response = http.publish(publisher, "{\"topics\": [\"pub/created\"], \"data\": \"x\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).matches("\\{\"id\":\"[^\"]+\"}");
        String id = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        await().untilAsserted(() -> assertThat(stream.events()).extracting(SseEvent::id).containsExactly(id));
    }

    @Test
    void stringDataIsSentAsIsAndOtherJsonAsItsText() {
        SseStream stream = stream(http.subscribeUri("topic", "pub/data"));

        http.publishOk(publisher, "{\"topics\": [\"pub/data\"], \"data\": \"{not json, sent as is}\"}");
        http.publishOk(publisher, "{\"topics\": [\"pub/data\"], \"data\": {\"n\": 1, \"list\": [true, null]}}");
        http.publishOk(publisher, "{\"topics\": [\"pub/data\"], \"data\": 42}");
        http.publishOk(publisher, "{\"topics\": [\"pub/data\"], \"data\": \"two\\nlines\"}");

        await().untilAsserted(() -> assertThat(stream.data())
                .containsExactly("{not json, sent as is}", "{\"n\":1,\"list\":[true,null]}", "42", "two\nlines"));
    }

    @Test
    void publishersOwnIdTypeAndRetryReachTheStream() {
        SseStream stream = stream(http.subscribeUri("topic", "pub/own-id"));

        String id = http.publishOk(publisher,
                "{\"topics\": [\"pub/own-id\"], \"id\": \"order-42-shipped\", \"type\": \"order.shipped\", \"retry\": 2500, \"data\": \"42\"}");

        assertThat(id).isEqualTo("order-42-shipped");
        await().untilAsserted(() -> assertThat(stream.events()).containsExactly(new SseEvent("order-42-shipped", "order.shipped", "42")));
        assertThat(stream.retries()).containsExactly(3000L, 2500L);
    }

    @Test
    void eventToUsersIsPrivateEvenWhenMarkedPublic() {
        SseStream anonymous = stream(http.subscribeUri("topic", "users/ursula"));
        SseStream ursula = userStream(TestTokens.user("ursula"));

        http.publishOk(publisher, "{\"users\": [\"ursula\"], \"private\": false, \"data\": \"private anyway\"}");
        http.publishOk(publisher, "{\"topics\": [\"users/ursula\"], \"data\": \"public marker\"}");

        await().untilAsserted(() -> {
            assertThat(ursula.data()).containsExactly("private anyway", "public marker");
            assertThat(anonymous.data()).containsExactly("public marker");
        });
    }

    @Test
    void publishGrantsMustCoverEveryTargetTopic() {
        String bookshop = TestTokens.publisher("books/{id}");

        assertThat(http.publish(bookshop, "{\"topics\": [\"books/1\"], \"data\": \"ok\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> otherTopic = http.publish(bookshop, "{\"topics\": [\"books/2\", \"news\"], \"data\": \"no\"}");
        assertThat(assertProblem(otherTopic, 403)).contains("not allowed to publish to topic 'news'");
        assertThat(otherTopic.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer error=\"insufficient_scope\""));

        HttpResponse<String> user = http.publish(bookshop, "{\"topics\": [\"books/3\"], \"users\": [\"alice\"], \"data\": \"no\"}");
        assertThat(assertProblem(user, 403)).contains("'users/alice'");

        HttpResponse<String> noGrants = http.publish(TestTokens.user("reader"), "{\"users\": [\"reader\"], \"data\": \"no\"}");
        assertThat(assertProblem(noGrants, 403)).contains("'users/reader'");
    }
}
