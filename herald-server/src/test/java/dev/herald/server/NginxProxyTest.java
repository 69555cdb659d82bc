package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub behind Debian's nginx running docs/deploy/nginx.conf: events pass through at once (no
 * proxy buffering), heartbeats keep a quiet stream open past nginx's read timeout (shortened to 2s
 * here, against a 500ms heartbeat), and the hub sees the client's address from X-Forwarded-For.
 */
@ExtendWith(OutputCaptureExtension.class)
class NginxProxyTest {

    private static final Duration PROXY_READ_TIMEOUT = Duration.ofSeconds(2);

    private static ConfigurableApplicationContext hub;
    private static NginxProcess nginx;
    private static ServerHttp viaProxy;

    @BeforeAll
    static void start() throws IOException {
        hub = SpringApplication.run(HeraldServerApplication.class, "--server.port=0", "--herald.store.type=memory",
                "--herald.security.jwt.secret=" + ServerTokens.SECRET, "--herald.security.anonymous=true",
                "--herald.heartbeat=500ms", "--server.forward-headers-strategy=native", "--spring.main.banner-mode=off");
        int hubPort = ((ServletWebServerApplicationContext) hub).getWebServer().getPort();
        nginx = NginxProcess.inFrontOf(hubPort, PROXY_READ_TIMEOUT);
        viaProxy = new ServerHttp(nginx.port());
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void eventsPassThroughAtOnceAndTheHubSeesTheForwardedClient(CapturedOutput output) {
        try (SseStream stream = viaProxy.stream("/api/subscribe?topic=proxied",
                Map.of("X-Forwarded-For", "203.0.113.9"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");

            for (int i = 0; i < 3; i++) {
                String data = "now-" + i;
                long published = System.nanoTime();
                assertThat(viaProxy.publish(ServerTokens.publisher(),
                        "{\"topics\": [\"proxied\"], \"data\": \"" + data + "\"}").statusCode()).isEqualTo(201);
                // a buffering proxy would hold a small event until its buffer fills: far longer than this
                await().atMost(Duration.ofMillis(400)).pollInterval(Duration.ofMillis(5))
                        .until(() -> stream.data().contains(data));
                assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofMillis(400));
            }
            assertThat(output.getAll()).containsPattern("stream \\d+ opened: user=anonymous topics=\\[proxied\\] from=203\\.0\\.113\\.9");
        }
    }

    @Test
    void heartbeatsKeepAQuietStreamOpenPastTheProxyReadTimeout() {
        try (SseStream stream = viaProxy.stream("/api/subscribe?topic=quiet")) {
            assertThat(stream.status()).isEqualTo(200);
            // twice nginx's read timeout without a single event
            await().during(PROXY_READ_TIMEOUT.multipliedBy(2)).atMost(PROXY_READ_TIMEOUT.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !stream.ended().isDone());

            viaProxy.publish(ServerTokens.publisher(), "{\"topics\": [\"quiet\"], \"data\": \"still here\"}");
            await().pollInterval(Duration.ofMillis(20)).untilAsserted(() -> assertThat(stream.data()).containsExactly("still here"));
        }
    }
}
