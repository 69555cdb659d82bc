package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.hub.Hub;
import dev.herald.core.testing.SseStream;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server as {@code java -jar herald-server.jar} runs it, with no configuration (only the port
 * is random here): demo mode, anonymous subscribers, the demo page, health, Jetty tuned for streams.
 */
@ExtendWith(OutputCaptureExtension.class)
class HeraldServerDefaultRunTest {

    private static ConfigurableApplicationContext context;
    private static String startupOutput;
    private static ServerHttp http;

    @TempDir
    static java.nio.file.Path storeDirectory;

    @BeforeAll
    static void start(CapturedOutput output) {
        context = SpringApplication.run(HeraldServerApplication.class, "--server.port=0",
                "--herald.store.path=" + storeDirectory);
        startupOutput = output.getAll();
        http = new ServerHttp(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void bannerPrintsTheSecretAndWorkingTokensForUsersAndPublisher() {
        assertThat(startupOutput).contains("DEMO MODE").contains("secret (HS256):").contains("curl -N")
                .contains("/api/subscribe?topic=news").contains("/demo/token?user=carol");
        String alice = bannerToken("alice");
        String publisher = bannerToken("publisher");
        assertThat(bannerToken("bob")).isNotBlank();

        try (SseStream stream = http.stream("/api/subscribe?access_token=" + alice)) {
            assertThat(stream.status()).isEqualTo(200);
            HttpResponse<String> published = http.publish(publisher,
                    "{\"users\": [\"alice\"], \"type\": \"notification\", \"data\": {\"text\": \"Hello, alice\"}}");
            assertThat(published.statusCode()).isEqualTo(201);

            await().untilAsserted(() -> assertThat(stream.data()).containsExactly("{\"text\":\"Hello, alice\"}"));
        }
    }

    @Test
    void anonymousSubscribersGetPublicEvents() {
        try (SseStream stream = http.stream("/api/subscribe?topic=news")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
            http.publish(bannerToken("publisher"), "{\"topics\": [\"news\"], \"data\": \"extra!\"}");

            await().untilAsserted(() -> assertThat(stream.data()).containsExactly("extra!"));
        }
    }

    @Test
    void demoTokenEndpointGivesAWorkingTokenForAnyUser() {
        HttpResponse<String> response = http.get("/demo/token?user=carol");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"user\":\"carol\"").contains("\"expiresAt\"");
        String token = response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        try (SseStream stream = http.stream("/api/subscribe?access_token=" + token)) {
            http.publish(token, "{\"users\": [\"carol\"], \"data\": \"to myself\"}");
            await().untilAsserted(() -> assertThat(stream.data()).containsExactly("to myself"));
        }
        HttpResponse<String> noUser = http.get("/demo/token");
        assertThat(noUser.statusCode()).isEqualTo(400);
        assertThat(noUser.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void pageAtRootIsServedWithItsScriptAndHeraldJs() {
        HttpResponse<String> page = http.get("/");
        HttpResponse<String> script = http.get("/app.js");
        HttpResponse<String> library = http.get("/herald.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\">").contains("id=\"publish\"");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("import { Herald } from \"/herald.js\"").contains("/demo/token?user=");
        // the one herald.js of herald-js/, copied in at build time; browsers import modules only as JavaScript
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(library.body()).contains("export class Herald");
    }

    @Test
    void demoConnectionsCountsStreamsPerUser() {
        String token = http.get("/demo/token?user=dana").body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(http.get("/demo/connections").body()).doesNotContain("\"dana\"");
        try (SseStream first = http.stream("/api/subscribe?access_token=" + token);
                SseStream second = http.stream("/api/subscribe?access_token=" + token)) {
            await().untilAsserted(() -> assertThat(http.get("/demo/connections").body()).contains("\"dana\":2"));
        }
    }

    @Test
    void healthIsUpAndUnknownPathsAreProblems() {
        HttpResponse<String> health = http.get("/actuator/health");
        HttpResponse<String> unknown = http.get("/no/such/page");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void jettyListensOnLoopbackWithSmallOutputBuffersAndALongAcceptQueue() {
        JettyWebServer server = (JettyWebServer) ((ServletWebServerApplicationContext) context).getWebServer();
        ServerConnector connector = (ServerConnector) server.getServer().getConnectors()[0];

        assertThat(connector.getHost()).isEqualTo("127.0.0.1");
        assertThat(connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().getOutputBufferSize())
                .isEqualTo(2048);
        assertThat(connector.getIdleTimeout()).isGreaterThanOrEqualTo(30_000);
        assertThat(connector.getAcceptQueueSize()).isEqualTo(4096);
        assertThat(context.getBean(Hub.class).options().heartbeat()).hasSeconds(15);
    }

    private static String bannerToken(String name) {
        Matcher matcher = Pattern.compile("\\n\\s+" + name + "\\s+(\\S+)\\n").matcher(startupOutput);
        assertThat(matcher.find()).as("a token line for %s in the banner", name).isTrue();
        return matcher.group(1);
    }
}
