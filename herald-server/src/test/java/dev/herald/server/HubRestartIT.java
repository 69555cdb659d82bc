package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.client.EventSourceOptions;
import dev.herald.client.HeraldEventSource;
import dev.herald.client.SseEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone hub on its durable default store, as a real process: what it acknowledged
 * survives a restart and a {@code kill -9}, and clients resume across either without a reset.
 */
class HubRestartIT {

    private static final String SECRET = "restart-test-secret-of-at-least-32-bytes!";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path store;
    @TempDir
    Path logs;

    @Test
    void clientResumesAcrossARestartWithNothingLostOrRepeated() throws Exception {
        try (HubProcess hub = new HubProcess(store, SECRET, logs.resolve("hub.log")).start()) {
            ServerHttp http = new ServerHttp(hub.port());
            List<SseEvent> received = new CopyOnWriteArrayList<>();
            EventSourceOptions options = EventSourceOptions.of(http.uri("/api/subscribe?topic=news"))
                    .withBearerToken(token("reader", List.of(), List.of()))
                    .withInitialRetry(Duration.ofMillis(200)).withMaxBackoff(Duration.ofMillis(500));
            try (HeraldEventSource source = HeraldEventSource.open(options, received::add)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> source.state().name().equals("OPEN"));
                for (int i = 1; i <= 5; i++) {
                    publish(http, "before-" + i);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 5);

                hub.stop();
                hub.start();
                for (int i = 1; i <= 5; i++) {
                    publish(http, "after-" + i);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 10);
            }
            assertThat(received).extracting(SseEvent::type).doesNotContain("herald.reset");
            assertThat(received).extracting(SseEvent::data).containsExactly(
                    "before-1", "before-2", "before-3", "before-4", "before-5",
                    "after-1", "after-2", "after-3", "after-4", "after-5");
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesAKill9() throws Exception {
        try (HubProcess hub = new HubProcess(store, SECRET, logs.resolve("hub.log")).start()) {
            ServerHttp http = new ServerHttp(hub.port());
            String marker = publish(http, "marker");
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int publisher = p;
                publishers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; running.get() && i < 100_000; i++) {
                        try {
                            acknowledged.add(publish(http, publisher + ":" + i));
                        } catch (RuntimeException hubGone) {
                            return;
                        }
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 200);
            hub.kill();
            running.set(false);
            for (Thread publisher : publishers) {
                publisher.join();
            }
            List<String> acked = List.copyOf(acknowledged);

            hub.start();
            List<SseEvent> replayed = new CopyOnWriteArrayList<>();
            EventSourceOptions options = EventSourceOptions.of(new ServerHttp(hub.port()).uri("/api/subscribe?topic=news"))
                    .withBearerToken(token("reader", List.of(), List.of())).withLastEventId(marker);
            try (HeraldEventSource source = HeraldEventSource.open(options, replayed::add)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> replayed.stream()
                        .map(SseEvent::id).toList().containsAll(acked));
            }
            assertThat(replayed).extracting(SseEvent::type).doesNotContain("herald.reset");
            List<String> ids = replayed.stream().map(SseEvent::id).toList();
            assertThat(ids).doesNotHaveDuplicates();
            // each publisher's acknowledged events come back in the order it published them
            for (int p = 0; p < 4; p++) {
                String prefix = p + ":";
                List<Integer> sequence = replayed.stream().map(SseEvent::data).filter(d -> d.startsWith(prefix))
                        .map(d -> Integer.parseInt(d.substring(prefix.length()))).toList();
                for (int k = 1; k < sequence.size(); k++) {
                    assertThat(sequence.get(k)).isEqualTo(sequence.get(k - 1) + 1);
                }
            }
        }
    }

    private static String publish(ServerHttp http, String data) {
        HttpResponse<String> response = http.publish(token("publisher", List.of("*"), List.of("*")),
                "{\"topics\":[\"news\"],\"data\":\"" + data + "\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("publish answered " + response.statusCode() + ": " + response.body());
        }
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return id.group(1);
    }

    private static String token(String user, List<String> publish, List<String> subscribe) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user)
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                    .claim("herald", Map.of("publish", publish, "subscribe", subscribe)).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
