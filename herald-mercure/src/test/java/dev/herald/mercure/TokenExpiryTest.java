package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A subscriber's stream ends when its token expires; a token without {@code exp} keeps it open. */
class TokenExpiryTest extends MercureHubTest {

    @Test
    void theStreamEndsWhenTheTokenExpires() {
        String topic = uniqueTopic("expiring");
        // exp has whole seconds: at least two seconds from now
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        SseStream expiring = subscribe(Tokens.subscriberExpiringAt(expiresAt, topic), topic);
        SseStream lasting = subscribe(Tokens.subscriber(topic), topic);

        publishOk(Form.of("topic", topic, "data", "while valid", "private", "on"));
        awaitData(expiring, "while valid");

        await().atMost(PATIENCE).until(expiring::hasEnded);
        assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
        assertThat(lasting.hasEnded()).isFalse();
        publishOk(Form.of("topic", topic, "data", "later", "private", "on"));
        awaitData(lasting, "while valid", "later");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String topic = uniqueTopic("expired");
        var response = send(java.net.http.HttpRequest.newBuilder(hub("topic", topic))
                .header("Authorization", "Bearer " + Tokens.subscriberExpiringAt(Instant.now().minus(Duration.ofSeconds(1)), topic))
                .GET());

        assertProblem(response, 401, "expired");
    }
}
