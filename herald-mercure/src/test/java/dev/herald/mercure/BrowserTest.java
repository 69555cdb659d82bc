package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.mercure.support.BrowserResults;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub as a browser uses it: headless Chromium opens {@code static/mercure-browser-test.html} on
 * the hub's origin; the page subscribes with {@code EventSource} (anonymously, and with the
 * {@code mercureAuthorization} cookie), publishes with {@code fetch} and posts what it received back
 * to {@link BrowserResults}. Only Debian's {@code chromium} package is needed.
 */
class BrowserTest extends MercureHubTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Autowired
    private BrowserResults results;
    private Process browser;
    private Path profile;

    @Test
    void aPageOnTheHubsOriginSubscribesAndPublishes() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (apt-get install -y chromium): the browser test is skipped");
        String run = UUID.randomUUID().toString();
        String base = "https://example.com/browser/" + run;
        String page = origin() + "/mercure-browser-test.html?run=" + run
                + "&pub=" + encode(Tokens.publisher(base + "/{+rest}"))
                + "&sub=" + encode(Tokens.subscriber(base + "/private"));

        launch(page);
        JsonNode result = JsonMapper.shared().readTree(awaitResult(run));

        assertThat(result.has("error")).as(result.toString()).isFalse();
        assertThat(data(result.get("anonymous")))
                .as("public updates, a template and an alternate topic; no private update, no non-matching topic")
                .containsExactly("public news", "book 42", "via alternate", "done");
        assertThat(data(result.get("authorized")))
                .as("the cookie's mercure.subscribe grants the private topic")
                .containsExactly("secret", "done");
        List<String> ids = result.get("ids").valueStream().map(JsonNode::asString).toList();
        assertThat(ids).hasSize(6).allSatisfy(id -> assertThat(id).startsWith("urn:uuid:"));
        assertThat(result.get("authorized").get(0).get("id").asString()).isEqualTo(ids.get(3));
    }

    @AfterEach
    void closeBrowser() throws IOException, InterruptedException {
        if (browser != null) {
            browser.descendants().forEach(ProcessHandle::destroy);
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void launch(String page) throws IOException {
        profile = Files.createTempDirectory("herald-mercure-chromium-");
        browser = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0", page)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
    }

    /** The page posts once it has seen everything (or failed); a browser that died says why in its log. */
    private String awaitResult(String run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                return results.of(run).get(1, TimeUnit.SECONDS);
            } catch (TimeoutException notYet) {
                if (!browser.isAlive()) {
                    throw new AssertionError("Chromium exited with " + browser.exitValue() + ":\n" + chromiumLog());
                }
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        throw new AssertionError("the page reported nothing within 90 s; Chromium's log:\n" + chromiumLog());
    }

    private String chromiumLog() throws IOException {
        return Files.readString(profile.resolve("chromium.log"));
    }

    private static List<String> data(JsonNode received) {
        return received.valueStream().map(event -> event.get("data").asString()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
