package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Publishing with the {@code mercureAuthorization} cookie: a browser sends it with any cross-site
 * {@code POST}, so only trusted origins (the hub's own and the CORS origins) may publish with it.
 */
class CookiePublishTest extends MercureHubTest {

    @Test
    void fromTheHubsOwnOriginOrAConfiguredOrigin() {
        assertThat(cookiePublish(Map.of("Origin", origin())).statusCode()).isEqualTo(200);
        assertThat(cookiePublish(Map.of("Origin", ALLOWED_ORIGIN)).statusCode()).isEqualTo(200);
        assertThat(cookiePublish(Map.of("Referer", ALLOWED_ORIGIN + "/some/page?x=1")).statusCode()).isEqualTo(200);
    }

    @Test
    void notFromAForeignOrigin() {
        // with an Origin header it is a CORS request: the CORS filter refuses it first
        assertProblem(cookiePublish(Map.of("Origin", "https://evil.example")), 403, "cross-origin request refused");
        assertProblem(cookiePublish(Map.of("Origin", "null")), 403, "cross-origin request refused");
        assertProblem(cookiePublish(Map.of("Referer", "https://evil.example/page")), 403,
                "the origin 'https://evil.example' may not publish");
    }

    @Test
    void notWithoutOriginAndReferer() {
        assertProblem(cookiePublish(Map.of()), 403, "Origin or Referer");
    }

    @Test
    void theAuthorizationHeaderNeedsNoOrigin() {
        assertThat(publish(Tokens.publisher("*"), Form.of("topic", uniqueTopic("header"))).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> cookiePublish(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cookie", "mercureAuthorization=" + Tokens.publisher("*"));
        HttpRequest.Builder request = HttpRequest.newBuilder(hub())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Form.of("topic", uniqueTopic("cookie"), "data", "x").encoded()));
        all.forEach(request::header);
        return send(request);
    }
}
