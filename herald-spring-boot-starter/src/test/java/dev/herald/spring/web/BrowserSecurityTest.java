package dev.herald.spring.web;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** CORS preflight and actual requests, and the CSRF guard of cookie-authenticated publishes. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.security.anonymous=true",
        "herald.cors.allowed-origins=https://app.example.com,http://localhost:3000",
        "herald.heartbeat=1s",
})
class BrowserSecurityTest {

    private static final String ALLOWED = "https://app.example.com";
    private static final String EVIL = "https://evil.example.net";
    private static final String EVENT = "{\"topics\": [\"news\"], \"data\": \"hi\"}";

    @LocalServerPort
    int port;
    HeraldHttp http;
    final String publisher = TestTokens.publisher("*");

    @BeforeEach
    void setUp() {
        http = new HeraldHttp(port);
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri("/api/events"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request);
    }

    @Test
    void preflightFromAnAllowedOriginIsAnswered() {
        HttpResponse<String> response = preflight(ALLOWED, "POST", "authorization, content-type");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("authorization, content-type");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
    }

    @Test
    void preflightFromAnotherOriginOrForOtherMethodsIsRefusedSayingWhy() {
        HttpResponse<String> evil = preflight(EVIL, "POST", "authorization");
        assertThat(assertProblem(evil, 403)).contains("origin 'https://evil.example.net' may not call this hub")
                .contains("herald.cors.allowed-origins");
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        assertThat(assertProblem(preflight(ALLOWED, "DELETE", null), 403)).contains("method DELETE is not allowed");
        assertThat(assertProblem(preflight(ALLOWED, "POST", "x-api-key"), 403)).contains("'x-api-key' is not allowed");
    }

    @Test
    void actualRequestsFromAllowedOriginsGetCorsHeadersAndOthersA403() {
        HttpResponse<String> allowed = http.send(publishRequest().header("Origin", ALLOWED)
                .header("Authorization", "Bearer " + publisher));
        assertThat(allowed.statusCode()).isEqualTo(201);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(allowed.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));

        try (SseStream stream = SseStream.open(http.subscribeUri("topic", "news"), Map.of("Origin", "http://localhost:3000"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        }

        HttpResponse<String> refused = http.get("/api/subscribe?topic=news", Map.of("Origin", EVIL));
        assertThat(assertProblem(refused, 403)).contains("may not call this hub");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void cookiePublishNeedsAnAllowedOriginOrReferer() {
        String cookie = "herald_token=" + publisher;

        assertThat(http.send(publishRequest().header("Cookie", cookie).header("Origin", ALLOWED)).statusCode()).isEqualTo(201);
        assertThat(http.send(publishRequest().header("Cookie", cookie).header("Referer", ALLOWED + "/page?x=1")).statusCode())
                .isEqualTo(201);
        // the hub's own origin (its demo page) is always trusted
        assertThat(http.send(publishRequest().header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + port)).statusCode())
                .isEqualTo(201);

        assertThat(assertProblem(http.send(publishRequest().header("Cookie", cookie)), 403))
                .contains("without an Origin or Referer header refused (CSRF guard)");
        assertThat(assertProblem(http.send(publishRequest().header("Cookie", cookie)
                .header("Referer", EVIL + "/attack")), 403)).contains("from Referer 'https://evil.example.net/attack' refused");
        // a foreign origin is refused by CORS before the guard, with the same status
        assertProblem(http.send(publishRequest().header("Cookie", cookie).header("Origin", EVIL)), 403);
    }

    @Test
    void bearerPublishNeedsNoOrigin() {
        assertThat(http.publish(publisher, EVENT).statusCode()).isEqualTo(201);
    }

    private HttpRequest.Builder publishRequest() {
        return HttpRequest.newBuilder(http.uri("/api/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENT));
    }
}
