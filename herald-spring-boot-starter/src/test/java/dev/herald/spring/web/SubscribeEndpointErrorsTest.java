package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.TestTokens;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refusals of {@code GET /api/subscribe} (anonymous subscribers allowed here): each a problem
 * document that says what to fix, with the RFC 6750 challenge on 401. A token that is present but
 * bad is refused even though anonymous access would be allowed without it.
 */
class SubscribeEndpointErrorsTest extends OpenHubTestSupport {

    @Test
    void malformedTokenIs401EvenWhereAnonymousIsAllowed() {
        HttpResponse<String> response = subscribe("/api/subscribe?topic=news", Map.of("Authorization", "Bearer not-a-jwt"));

        assertThat(assertProblem(response, 401)).startsWith("malformed token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("Bearer error=\"invalid_token\", error_description=\"malformed token"));
    }

    @Test
    void tokenSignedWithAnotherKeyIs401BadSignature() {
        HttpResponse<String> response = subscribe("/api/subscribe",
                Map.of("Authorization", "Bearer " + TestTokens.signedWithAnotherKey()));

        assertThat(assertProblem(response, 401)).startsWith("bad signature");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"invalid_token\", error_description=\"bad signature: the token was not signed"
                        + " with this hub's key\"");
    }

    @Test
    void expiredTokenIs401SayingWhenItExpired() {
        Instant expiry = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> response = subscribe("/api/subscribe?access_token=" + TestTokens.expiredAt(expiry), Map.of());

        assertThat(assertProblem(response, 401)).startsWith("token expired at " + expiry);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("error_description=\"token expired at " + expiry));
    }

    @Test
    void badTokenInCookieIs401() {
        HttpResponse<String> response = subscribe("/api/subscribe?topic=news", Map.of("Cookie", "herald_token=garbage"));

        assertThat(assertProblem(response, 401)).startsWith("malformed token");
    }

    @Test
    void authorizationHeaderIsReadBeforeQueryParameter() {
        HttpResponse<String> response = subscribe("/api/subscribe?access_token=" + TestTokens.user("qp-user"),
                Map.of("Authorization", "Bearer " + TestTokens.signedWithAnotherKey()));

        assertThat(assertProblem(response, 401)).startsWith("bad signature");
    }

    @Test
    void tokenIsAcceptedFromQueryParameterAndFromCookie() {
        SseStream fromQuery = stream(http.subscribeUri("access_token", TestTokens.user("query-user")));
        SseStream fromCookie = stream(http.subscribeUri(), Map.of("Cookie", "herald_token=" + TestTokens.user("cookie-user")));

        assertThat(fromQuery.status()).isEqualTo(200);
        assertThat(fromCookie.status()).isEqualTo(200);
    }

    @Test
    void anonymousWithoutTopicIs400() {
        HttpResponse<String> response = subscribe("/api/subscribe", Map.of());

        assertThat(assertProblem(response, 400)).contains("no topic").contains("'topic' parameter");
    }

    @Test
    void invalidSelectorIs400NamingIt() {
        HttpResponse<String> response = subscribe("/api/subscribe?topic=" + encode("books/{id"), Map.of());

        assertThat(assertProblem(response, 400)).contains("invalid topic selector 'books/{id'").contains("unclosed '{'");
    }

    @Test
    void moreThanHundredTopicsIs413() {
        StringBuilder query = new StringBuilder("/api/subscribe?topic=t0");
        for (int i = 1; i <= 100; i++) {
            query.append("&topic=t").append(i);
        }
        HttpResponse<String> response = subscribe(query.toString(), Map.of());

        assertThat(assertProblem(response, 413)).contains("at most 100").contains("not 101");
    }

    @Test
    void wrongMethodIs405Problem() {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/subscribe")).DELETE());

        assertProblem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void optionsWithoutAnOriginListsTheMethods() {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/subscribe"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET,HEAD,OPTIONS");
    }

    private HttpResponse<String> subscribe(String target, Map<String, String> headers) {
        return http.get(target, headers);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
