package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.hub.CloseCause;
import dev.herald.core.hub.Hub;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.publish.HeraldEvent;
import dev.herald.spring.publish.HeraldPublisher;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.RawStream;
import dev.herald.spring.support.RecordingObserver;
import dev.herald.spring.support.TestApplication;
import dev.herald.spring.support.TestTokens;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.eclipse.jetty.server.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * A client that stops reading: once the socket buffers are full its outbox fills, the hub cuts it
 * off as a slow consumer (so it stops costing memory at once), the write blocked on it is failed by
 * the container's idle timeout (so no thread waits forever), and the other streams keep receiving.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.security.anonymous=true",
        "herald.connection.outbox-capacity=16",
        "herald.heartbeat=1s",
        "server.jetty.connection-idle-timeout=2s",
})
class SlowConsumerTest {

    private static final int EVENTS = 320;
    private static final String PAYLOAD = "p".repeat(32 * 1024);

    @LocalServerPort
    int port;
    @Autowired
    Hub hub;
    @Autowired
    HeraldPublisher publisher;
    @Autowired
    RecordingObserver observer;
    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void clientThatStopsReadingIsCutOffWhileOthersKeepReceiving() {
        HeraldHttp http = new HeraldHttp(port);
        SseStream reader = SseStream.open(http.subscribeUri("topic", "firehose"));
        RawStream stuck = RawStream.get(port, "/api/subscribe?topic=firehose&access_token=" + TestTokens.user("stuck"), 4096);
        await().until(() -> hub.connectionCount() == 2);

        // Publish in steps the reading client keeps up with, so only the stuck one falls behind.
        for (int sent = 0; sent < EVENTS; sent += 8) {
            IntStream.range(sent, sent + 8).forEach(i -> publisher.publish(
                    HeraldEvent.builder().topic("firehose").id("fire-" + i).data(PAYLOAD).build()));
            int published = sent + 8;
            await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> reader.events().size() == published);
        }

        assertThat(observer.causeFor("stuck")).hasValue(CloseCause.SLOW_CONSUMER);
        assertThat(reader.events()).extracting(e -> e.id())
                .containsExactlyElementsOf(IntStream.range(0, EVENTS).mapToObj(i -> "fire-" + i).toList());
        // the blocked write ends with the idle timeout (2s): Jetty drops the connection unread
        await().atMost(Duration.ofSeconds(8)).until(() -> !connectedClientPorts().contains(stuck.localPort()));
        assertThat(reader.hasEnded()).isFalse();

        reader.close();
        stuck.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.connectionCount() == 0);
    }

    private java.util.List<Integer> connectedClientPorts() {
        Connector[] connectors = ((JettyWebServer) context.getWebServer()).getServer().getConnectors();
        return Arrays.stream(connectors)
                .flatMap(connector -> connector.getConnectedEndPoints().stream())
                .map(endPoint -> (InetSocketAddress) endPoint.getRemoteSocketAddress())
                .filter(java.util.Objects::nonNull) // an endpoint being closed has no remote address
                .map(InetSocketAddress::getPort)
                .toList();
    }
}
