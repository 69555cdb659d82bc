package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One publisher on topic {@code load}, one event at a time, alternating between a node that is about
 * to stop (A) and one that stays (B): what A refuses or leaves unanswered goes to B. Keeps the data
 * of every acknowledged (201) event in publishing order, for the graceful-shutdown tests.
 */
final class AlternatingPublisher implements AutoCloseable {

    static final String TOPIC = "load";

    private final ServerHttp stopping;
    private final ServerHttp staying;
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private Thread thread;

    AlternatingPublisher(ServerHttp stopping, ServerHttp staying) {
        this.stopping = stopping;
        this.staying = staying;
    }

    /** Publishes {@code data} to B once, acknowledged, before the alternating run starts. */
    AlternatingPublisher first(String data) {
        acknowledged.add(publish(staying, TOPIC, data));
        return this;
    }

    AlternatingPublisher start() {
        thread = Thread.ofVirtual().start(() -> {
            for (int n = 0; publishing.get(); n++) {
                String data = "e" + n;
                if (n % 2 == 1) {
                    acknowledged.add(publish(staying, TOPIC, data));
                    continue;
                }
                // a refused publish may still have reached the log (its answer lost in A's shutdown): the
                // retry on B carries other data, so that event, if it arrives, is not taken for a duplicate
                String acked = tryPublish(stopping, data);
                acknowledged.add(acked != null ? acked : publish(staying, TOPIC, data + "-retried"));
            }
        });
        return this;
    }

    /** The data of the acknowledged events so far, in publishing order. */
    List<String> acknowledged() {
        return acknowledged;
    }

    @Override
    public void close() throws InterruptedException {
        publishing.set(false);
        if (thread != null) {
            thread.join();
        }
    }

    static String publish(ServerHttp node, String topic, String data) {
        HttpResponse<String> response = node.publish(ServerTokens.publisher(),
                "{\"topics\": [\"" + topic + "\"], \"data\": \"" + data + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return data;
    }

    private static String tryPublish(ServerHttp node, String data) {
        try {
            HttpResponse<String> response = node.publish(ServerTokens.publisher(),
                    "{\"topics\": [\"" + TOPIC + "\"], \"data\": \"" + data + "\"}");
            return response.statusCode() == 201 ? data : null;
        } catch (UncheckedIOException | IllegalStateException refused) {
            return null;
        }
    }
}
