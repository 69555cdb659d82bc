package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Connection;
import dev.herald.core.sse.SseEncoder;
import dev.herald.core.testing.SseStream;
import dev.herald.core.topic.Topic;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stream itself on the wire: headers, the first bytes at once, the hub's bytes unchanged,
 * heartbeats on a quiet stream, and the end at token expiry.
 */
class SubscribeEndpointStreamTest extends OpenHubTestSupport {

    @Test
    void answersAtOnceWithStreamHeadersAndTheOpeningBytes() {
        SseStream stream = stream(http.subscribeUri("topic", "quiet"));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        assertThat(stream.response().headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(stream.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
        await().atMost(Duration.ofMillis(900)).untilAsserted(() -> assertThat(stream.retries()).containsExactly(3000L));
        assertThat(stream.rawText()).matches(": herald stream \\d+\nretry: 3000\n\n");
    }

    @Test
    void headRequestAnswersTheStreamHeadersWithoutOpeningAStream() {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.subscribeUri("topic", "peek"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        assertThat(hub.connections()).noneMatch(SubscribeEndpointStreamTest::isPeek);
        assertThat(observer.closed()).noneMatch(closed -> isPeek(closed.connection()));
    }

    @Test
    void writesTheHubsEncodedBytesUnchanged() {
        SseStream stream = stream(http.subscribeUri("topic", "wire"));
        String data = "line one\r\nline two, é ✓\n: not a comment";
        Publication publication = new Publication(Optional.of(EventId.of("wire-1")), EventType.of("wire.test"), data,
                List.of(Topic.of("wire")), false, Optional.of(Duration.ofMillis(2500)));
        hub.publish(publication);

        byte[] expected = SseEncoder.event(EventId.of("wire-1"), EventType.of("wire.test"), data,
                Optional.of(Duration.ofMillis(2500)));
        await().untilAsserted(() -> assertThat(stream.events()).hasSize(1));
        assertThat(indexOf(stream.rawBytes(), expected)).as("the encoded frame, byte for byte").isPositive();
        assertThat(stream.events().getFirst()).isEqualTo(new SseEvent("wire-1", "wire.test",
                "line one\nline two, é ✓\n: not a comment"));
    }

    @Test
    void quietStreamGetsHeartbeatWithinOneAndAHalfHeartbeats() {
        SseStream stream = stream(http.subscribeUri("topic", "very-quiet"));

        await().atMost(Duration.ofSeconds(3)).until(() -> stream.comments().contains("heartbeat"));
        long firstHeartbeatMillis = stream.commentMillis().get(stream.comments().indexOf("heartbeat"));
        // heartbeat = 1s: sent once the stream has been silent for 1s, checked every 0.5s; allow
        // 0.5s for scheduling on a busy machine
        assertThat(firstHeartbeatMillis).isBetween(900L, 2000L);
    }

    @Test
    void streamEndsWhenItsTokenExpires() {
        Instant expiry = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        SseStream stream = userStream(TestTokens.expiredAt(expiry));

        await().atMost(Duration.ofSeconds(6)).until(stream::hasEnded);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        await().untilAsserted(() -> assertThat(observer.closed())
                .anySatisfy(closed -> assertThat(closed.cause()).isEqualTo(CloseCause.TOKEN_EXPIRED)));
    }

    private static boolean isPeek(Connection connection) {
        return connection.subscription().selectors().stream().anyMatch(s -> s.expression().equals("peek"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
