package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.RawStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Clients that go away: the hub notices at the next write (the heartbeat, here every second), its
 * live-connection count returns to zero, and nothing is logged above INFO: a client leaving is
 * normal, not a server error.
 */
@ExtendWith(OutputCaptureExtension.class)
class SubscribeEndpointDisconnectTest extends OpenHubTestSupport {

    @Test
    void closedAndAbortedClientsLeaveTheHubQuietly(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connectionCount() == 0); // streams of earlier tests
        SseStream closing = SseStream.open(http.subscribeUri("topic", "leaving"));
        RawStream aborting = RawStream.get(port, "/api/subscribe?topic=leaving", 64 * 1024);
        assertThat(aborting.readHeaders()).startsWith("HTTP/1.1 200");
        await().until(() -> hub.connectionCount() == 2);

        closing.close();
        aborting.abort();

        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connectionCount() == 0);
        assertThat(output.getAll()).doesNotContainPattern("\\b(WARN|ERROR)\\b").doesNotContain("Exception");
    }

    @Test
    void streamEndedByTheClientDuringAnEventLeavesTheHub(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connectionCount() == 0);
        RawStream aborting = RawStream.get(port, "/api/subscribe?topic=busy-leaving", 64 * 1024);
        aborting.readHeaders();
        await().until(() -> hub.connectionCount() == 1);

        aborting.abort();
        for (int i = 0; i < 20; i++) {
            http.publishOk(publisher, "{\"topics\": [\"busy-leaving\"], \"data\": \"" + "z".repeat(4096) + "\"}");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connectionCount() == 0);
        assertThat(output.getAll()).doesNotContainPattern("\\b(WARN|ERROR)\\b").doesNotContain("Exception");
    }
}
