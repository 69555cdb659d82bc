package dev.herald.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.Publication;
import dev.herald.core.log.ReadResult;
import dev.herald.core.topic.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} with a real process: a child JVM appends as fast as it can and prints every id it
 * got acknowledged; it is killed mid-run; the store, reopened, must hold every acknowledged event,
 * at the position it was acknowledged with, readable in order without a gap.
 */
class CrashSafetyTest {

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"group", "always"})
    void everyAcknowledgedEventSurvivesKillMinus9(String flush) throws Exception {
        Path store = directory.resolve("store");
        Path childLog = directory.resolve("child.err");
        Process child = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                AppendUntilKilled.class.getName(), store.toString(), flush, "4")
                .redirectError(childLog.toFile())
                .start();
        Acks acks = new Acks(child.getInputStream());
        Thread reader = Thread.ofPlatform().start(acks::drain);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acks.lines() < ACKS_BEFORE_KILL && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as("the child is still appending when killed; its stderr: %s",
                    Files.exists(childLog) ? Files.readString(childLog) : "").isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        Map<Long, String> acknowledged = acks.completeLines();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (EmbeddedEventLog log = EmbeddedEventLog.open(EmbeddedStoreOptions.in(store))) {
            // read the whole log from the oldest acknowledged event on
            Map.Entry<Long, String> oldest = acknowledged.entrySet().iterator().next();
            Map<Long, String> stored = new TreeMap<>();
            stored.put(oldest.getKey(), oldest.getValue());
            EventId cursor = new EventId(oldest.getValue());
            long expected = oldest.getKey() + 1;
            while (true) {
                ReadResult result = log.readAfter(cursor, 500);
                assertThat(result).as("reading after %s", cursor).isInstanceOf(ReadResult.Found.class);
                ReadResult.Found found = (ReadResult.Found) result;
                for (Event event : found.events()) {
                    assertThat(event.position().value()).as("in order, no gap").isEqualTo(expected++);
                    stored.put(event.position().value(), event.id().value());
                }
                if (!found.more()) {
                    break;
                }
                cursor = found.events().get(found.events().size() - 1).id();
            }
            assertThat(stored).containsAllEntriesOf(acknowledged);

            long newest = ((TreeMap<Long, String>) stored).lastKey();
            Event next = log.append(Publication.of(List.of(Topic.of("after")), "after the crash"));
            assertThat(next.position().value()).isGreaterThan(newest);
        }
    }

    /** The child's stdout: complete lines only, since the kill may cut the last one. */
    private static final class Acks {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile int lines;

        Acks(InputStream in) {
            this.in = in;
        }

        void drain() {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int newLines = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            newLines++;
                        }
                    }
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                    lines += newLines;
                }
            } catch (IOException endOfChild) {
                // the pipe closes when the child dies
            }
        }

        int lines() {
            return lines;
        }

        /** Position to id, in position order. */
        Map<Long, String> completeLines() {
            String text;
            synchronized (bytes) {
                text = bytes.toString(StandardCharsets.UTF_8);
            }
            Map<Long, String> acks = new TreeMap<>();
            List<String> complete = new ArrayList<>(List.of(text.split("\n", -1)));
            complete.remove(complete.size() - 1); // after the last newline: empty, or a line the kill cut
            for (String line : complete) {
                String[] parts = line.split(" ");
                acks.put(Long.parseLong(parts[0]), parts[1]);
            }
            return acks;
        }
    }

}
