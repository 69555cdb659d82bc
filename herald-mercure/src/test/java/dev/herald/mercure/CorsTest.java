package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.SseStream;
import dev.herald.mercure.support.MercureHubTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CORS as Mercure hubs do it: the configured origins, with credentials. */
class CorsTest extends MercureHubTest {

    @Test
    void aPreflightFromAnAllowedOriginMayPublishWithCredentials() {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(hub())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(hub())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));

        assertProblem(preflight, 403, "herald.mercure.cors-origins");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aStreamOpenedFromAnAllowedOriginMayBeReadWithCredentials() {
        SseStream stream = stream(hub("topic", uniqueTopic("cors"), "lastEventID", "earliest"),
                Map.of("Origin", ALLOWED_ORIGIN));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(stream.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(stream.header("Access-Control-Expose-Headers")).contains("Last-Event-ID");
    }
}
