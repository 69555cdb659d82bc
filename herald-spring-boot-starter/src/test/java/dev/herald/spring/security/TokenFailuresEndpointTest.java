package dev.herald.spring.security;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every token failure over HTTP: the status, the reason in the problem detail and in
 * {@code WWW-Authenticate}; separate publisher keys; a stream closed at {@code exp} plus the skew.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.security.jwt.issuer=https://id.test",
        "herald.security.jwt.audience=herald",
        "herald.security.jwt.clock-skew=1s",
        "herald.security.jwt.publisher.secret=" + TokenFailuresEndpointTest.PUBLISHER_SECRET,
        "herald.heartbeat=1s",
})
class TokenFailuresEndpointTest {

    static final String PUBLISHER_SECRET = "publisher-secret-of-at-least-thirty-two-bytes";

    @LocalServerPort
    int port;
    HeraldHttp http;

    @BeforeEach
    void setUp() {
        http = new HeraldHttp(port);
    }

    private static JWTClaimsSet.Builder good(String user) {
        return new JWTClaimsSet.Builder().subject(user).issuer("https://id.test").audience("herald")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private HttpResponse<String> subscribe(String token) {
        return http.get("/api/subscribe?topic=news", token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private void assertOpens(String token) {
        try (SseStream stream = SseStream.open(http.subscribeUri("topic", "news"), Map.of("Authorization", "Bearer " + token))) {
            await().until(() -> stream.status() > 0);
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        String detail = assertProblem(response, 401);
        assertThat(detail).contains(reason);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(header ->
                assertThat(header).startsWith("Bearer error=\"invalid_token\"").contains(reason));
    }

    @Test
    void eachFailureSaysWhatWasWrong() {
        HttpResponse<String> none = subscribe(null);
        assertThat(assertProblem(none, 401)).contains("no token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"herald\"");

        assertRefused(subscribe("garbage"), "malformed token: not a signed JWT");
        assertRefused(subscribe(TestTokens.sign("another-secret-that-is-thirty-two-bytes-long", good("alice").build())),
                "bad signature");
        Instant expired = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        assertRefused(subscribe(TestTokens.sign(TestTokens.SECRET, good("alice").expirationTime(Date.from(expired)).build())),
                "token expired at " + expired);
        assertRefused(subscribe(TestTokens.sign(TestTokens.SECRET, good("alice").issuer("https://other.test").build())),
                "wrong issuer: the token's iss is 'https://other.test', this hub accepts only 'https://id.test'");
        assertRefused(subscribe(TestTokens.sign(TestTokens.SECRET, good("alice").audience("billing").build())),
                "wrong audience: the token's aud is [billing], this hub accepts [herald]");
        assertOpens(TestTokens.sign(TestTokens.SECRET, good("alice").build()));
    }

    @Test
    void failuresNeverEchoTheTokenOrTheSecret() {
        String forged = TestTokens.sign("another-secret-that-is-thirty-two-bytes-long", good("alice").build());
        HttpResponse<String> response = subscribe(forged);

        assertThat(response.body()).doesNotContain(forged).doesNotContain(TestTokens.SECRET);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).doesNotContain(forged);
    }

    @Test
    void publishersHaveTheirOwnKeyAndTopicsNotGrantedAre403() {
        String subscriberSigned = TestTokens.sign(TestTokens.SECRET, good("publisher")
                .claim("herald", Map.of("publish", List.of("*"))).build());
        assertRefused(http.publish(subscriberSigned, "{\"topics\": [\"news\"], \"data\": 1}"), "bad signature");

        String publisher = TestTokens.sign(PUBLISHER_SECRET, good("publisher")
                .claim("herald", Map.of("publish", List.of("news"))).build());
        assertThat(http.publish(publisher, "{\"topics\": [\"news\"], \"data\": 1}").statusCode()).isEqualTo(201);

        HttpResponse<String> notGranted = http.publish(publisher, "{\"topics\": [\"billing\"], \"data\": 1}");
        assertThat(assertProblem(notGranted, 403)).contains("not allowed to publish to topic 'billing'");
        assertThat(notGranted.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"insufficient_scope\"");
    }

    @Test
    void streamClosesAtExpiryPlusSkewWithinASecond() {
        // exp is whole seconds; two seconds ahead leaves time to open the stream
        Instant exp = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        String token = TestTokens.sign(TestTokens.SECRET, good("erin").expirationTime(Date.from(exp)).build());
        SseStream stream = SseStream.open(http.subscribeUri("topic", "news"), Map.of("Authorization", "Bearer " + token));
        await().until(() -> stream.status() == 200);

        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(20)).until(stream::hasEnded);
        Instant endedAt = Instant.now();
        Instant due = exp.plusSeconds(1); // clock-skew=1s
        assertThat(endedAt).isAfterOrEqualTo(due.minusMillis(50)).isBefore(due.plusSeconds(1));
        stream.close();

        // and a fresh token for the same user works again at once
        assertOpens(TestTokens.sign(TestTokens.SECRET, good("erin").build()));
    }
}
