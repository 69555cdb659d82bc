package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SseStream;
import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mercure and Herald's own API are two doors to one hub and one log. */
class SharedHubTest extends MercureHubTest {

    /** A Herald token (its own key and claim) for alice, who may publish anywhere. */
    private static final String HERALD_TOKEN = Tokens.sign(Tokens.HERALD_SECRET,
            Map.of("sub", "alice", "herald", Map.of("publish", List.of("*"), "subscribe", List.of("*"))), null);

    @Test
    void aMercureUpdateReachesHeraldSubscribers() {
        String topic = uniqueTopic("to-herald");
        SseStream herald = stream(url("/api/subscribe?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)),
                Map.of("Authorization", "Bearer " + HERALD_TOKEN));
        assertThat(herald.status()).isEqualTo(200);

        String id = publishOk(Form.of("topic", topic, "data", "from Mercure"));

        awaitData(herald, "from Mercure");
        assertThat(herald.events().getFirst().id()).isEqualTo(id);
    }

    @Test
    void aHeraldEventReachesMercureSubscribersAndResumesLikeAnUpdate() {
        String topic = uniqueTopic("from-herald");
        SseStream mercure = subscribe(null, topic);

        HttpResponse<String> published = send(HttpRequest.newBuilder(url("/api/events"))
                .header("Authorization", "Bearer " + HERALD_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topics\":[\"" + topic + "\"],\"data\":{\"from\":\"Herald\"}}")));
        assertThat(published.statusCode() / 100).as(published.body()).isEqualTo(2);

        awaitData(mercure, "{\"from\":\"Herald\"}");
        String heraldId = mercure.events().getFirst().id();
        publishOk(Form.of("topic", topic, "data", "next"));
        SseStream resumed = stream(hub("topic", topic), Map.of("Last-Event-ID", heraldId));
        assertThat(resumed.header("Last-Event-ID")).isEqualTo(heraldId);
        awaitData(resumed, "next");
    }
}
