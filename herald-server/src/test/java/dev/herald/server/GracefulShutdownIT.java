package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful shutdown as operators get it: two herald-server jars on one redis-server, clients
 * streaming from node A while a publisher keeps publishing, and a real SIGTERM to A. While A drains
 * its readiness answers 503 and new subscribes a 503 problem; its streams get a jittered
 * {@code retry:} and end; the clients resume on node B by {@code Last-Event-ID}, and every
 * acknowledged event reaches every client once, in order.
 *
 * <p>A drains in milliseconds when every client reads, too fast to look at from outside; so one
 * more client subscribes and stops reading. Its stream cannot end until it reads or
 * {@code herald.shutdown.timeout} passes, which holds A in its draining state long enough to ask it
 * what it answers meanwhile. Then that client goes away and A finishes.
 */
class GracefulShutdownIT {

    private static final int CLIENTS = 10;
    private static final long CLIENT_RETRY_MILLIS = 200;
    /** Large events for the stalled client: together well above what the kernel buffers for one socket. */
    private static final int STALL_EVENTS = 120;
    private static final int STALL_EVENT_BYTES = 60_000;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run leaves the hubs' logs to read
    Path logs;

    @Test
    void sigtermDrainsNodeAAndItsClientsResumeOnNodeBWithEveryEventOnce() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             HubProcess a = node("a", redis, "hub-a.log").start();
             HubProcess b = node("b", redis, "hub-b.log").start()) {
            ServerHttp onA = new ServerHttp(a.port());
            ServerHttp onB = new ServerHttp(b.port());
            assertThat(onA.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

            List<SseStream> streamsOnA = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                streamsOnA.add(onA.stream("/api/subscribe?topic=load"));
            }
            AlternatingPublisher publisher = new AlternatingPublisher(onA, onB).first("warm-up");
            List<String> acknowledged = publisher.acknowledged();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> streamsOnA.stream().allMatch(s -> s.data().contains("warm-up")));

            try (Socket stalled = stalledSubscriber(a.port())) {
                String big = "x".repeat(STALL_EVENT_BYTES);
                for (int i = 0; i < STALL_EVENTS; i++) {
                    AlternatingPublisher.publish(onB, "stall", big);
                }

                // one publisher, alternating between the nodes; what A refuses (it is stopping) goes to B
                publisher.start();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> acknowledged.size() > 50);

                a.terminate();

                // while A drains: readiness 503 OUT_OF_SERVICE, a new subscribe 503 problem with Retry-After
                AtomicReference<HttpResponse<String>> readiness = new AtomicReference<>();
                AtomicReference<SseStream> refused = new AtomicReference<>();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    if (readiness.get() == null) {
                        HttpResponse<String> answer = onA.get("/actuator/health/readiness");
                        if (answer.statusCode() == 503) {
                            readiness.set(answer);
                        }
                    }
                    if (refused.get() == null) {
                        SseStream attempt = onA.stream("/api/subscribe?topic=late");
                        if (attempt.status() == 503) {
                            refused.set(attempt);
                        }
                        attempt.close();
                    }
                    return readiness.get() != null && refused.get() != null;
                });
                assertThat(a.isAlive()).as("A still drains while the stalled client holds it").isTrue();
                assertThat(readiness.get().body()).contains("OUT_OF_SERVICE");
                HttpResponse<?> refusal = refused.get().response();
                assertThat(refusal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(refusal.headers().firstValue("Retry-After")).isPresent();

                // the reading clients were told to come back soon, and their streams ended
                await().atMost(Duration.ofSeconds(10)).until(() -> streamsOnA.stream().allMatch(s -> s.ended().isDone()));
                for (SseStream stream : streamsOnA) {
                    assertThat(stream.retries()).last().satisfies(retry ->
                            assertThat(retry).isBetween(CLIENT_RETRY_MILLIS, CLIENT_RETRY_MILLIS * 3 / 2));
                }

                stalled.close();
                OptionalInt exit = a.awaitExit(Duration.ofSeconds(30));
                assertThat(exit).as("A exits after SIGTERM").isPresent();
                assertThat(Files.readString(logs.resolve("hub-a.log"))).containsPattern("ending \\d+ SSE streams");

                // each client comes back on B, as EventSource would: with the id of the last event it saw
                List<SseStream> streamsOnB = new ArrayList<>();
                for (SseStream stream : streamsOnA) {
                    streamsOnB.add(onB.stream("/api/subscribe?topic=load", Map.of("Last-Event-ID", stream.events().getLast().id())));
                }
                int atExit = acknowledged.size();
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> acknowledged.size() > atExit + 50);
                publisher.close();

                for (int i = 0; i < CLIENTS; i++) {
                    SseStream first = streamsOnA.get(i);
                    SseStream second = streamsOnB.get(i);
                    assertThat(second.status()).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                        List<String> seen = new ArrayList<>(first.data());
                        seen.addAll(second.data());
                        assertThat(new HashSet<>(seen)).as("no event twice").hasSameSizeAs(seen);
                        // a publish cut off by A's shutdown may be stored without an acknowledgement: it
                        // may arrive; every acknowledged one must, in publishing order
                        assertThat(seen.stream().filter(acknowledged::contains).toList()).containsExactlyElementsOf(acknowledged);
                    });
                    assertThat(second.events()).extracting(e -> e.type()).doesNotContain("herald.reset");
                    second.close();
                }
            }
        }
    }

    private HubProcess node(String name, LocalRedis redis, String log) {
        return HubProcess.onRedis(name, redis.url(), "sigterm-test:", ServerTokens.SECRET, logs.resolve(log),
                "--herald.connection.client-retry=" + CLIENT_RETRY_MILLIS + "ms", "--herald.shutdown.timeout=15s");
    }

    /**
     * A subscriber that sends its request and never reads, with a tiny receive window: once the
     * large events fill the kernel's buffers, the hub's writes to it block.
     */
    private static Socket stalledSubscriber(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/subscribe?topic=stall HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}
