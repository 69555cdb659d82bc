package dev.herald.embedded;

import dev.herald.core.event.Publication;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Append throughput and latency of the embedded store (group commit, sync per append) against the
 * in-memory log, printed as a table. Not a test: run it by hand, on a quiet machine if you have one.
 *
 * <pre>
 * mvn -q -pl herald-embedded test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp herald-embedded/target/test-classes:herald-embedded/target/classes:$(cat herald-embedded/target/cp.txt) \
 *     dev.herald.embedded.EmbeddedStoreBenchmark [seconds per cell, default 3] [directory, default a temp dir]
 * </pre>
 * Each cell appends for the given time from 1, 16 and 64 publisher threads, each appending in a
 * loop; the latency is that of {@code append}, i.e. until acknowledged. Events carry 200 bytes of
 * data and one topic; retention is 10,000 events, so the trimmer runs throughout.
 */
public final class EmbeddedStoreBenchmark {

    private static final RetentionPolicy RETENTION = new RetentionPolicy(10_000, Duration.ofHours(1));
    private static final Publication EVENT = Publication.of(List.of(Topic.of("bench/events")), "x".repeat(200));
    private static final int[] PUBLISHERS = {1, 16, 64};

    private EmbeddedStoreBenchmark() {
    }

    record Store(String name, Supplier<EventLog> open) {
    }

    record Cell(String store, int publishers, long appends, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return appends / seconds;
        }

        String percentile(double p) {
            long nanos = latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.floor(p * latenciesNanos.length))];
            return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
        }
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Path root = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("herald-bench");
        Files.createDirectories(root);
        List<Store> stores = List.of(
                new Store("memory", () -> new InMemoryEventLog(RETENTION)),
                new Store("embedded group 5ms", () -> embedded(root, "group5", FlushPolicy.group(Duration.ofMillis(5)))),
                new Store("embedded group 1ms", () -> embedded(root, "group1", FlushPolicy.group(Duration.ofMillis(1)))),
                new Store("embedded group 0ms", () -> embedded(root, "group0", FlushPolicy.group(Duration.ZERO))),
                new Store("embedded always", () -> embedded(root, "always", FlushPolicy.always())));
        List<Cell> cells = new ArrayList<>();
        for (Store store : stores) {
            for (int publishers : PUBLISHERS) {
                try (EventLog log = store.open().get()) {
                    run(log, publishers, Math.min(1, seconds / 3)); // warm-up, not counted
                    Cell cell = run(log, publishers, seconds);
                    cells.add(new Cell(store.name(), publishers, cell.appends(), cell.seconds(), cell.latenciesNanos()));
                }
                System.err.printf(Locale.ROOT, "done: %s x%d%n", store.name(), publishers);
            }
        }
        System.out.printf(Locale.ROOT, "%-20s %10s %12s %10s %10s %10s %10s%n",
                "store", "publishers", "appends/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        for (Cell cell : cells) {
            System.out.printf(Locale.ROOT, "%-20s %10d %12.0f %10s %10s %10s %10s%n", cell.store(), cell.publishers(),
                    cell.perSecond(), cell.percentile(0.50), cell.percentile(0.99), cell.percentile(0.999),
                    cell.percentile(1.0));
        }
        deleteTree(root);
    }

    private static EventLog embedded(Path root, String name, FlushPolicy flush) {
        Path directory = root.resolve(name);
        deleteTree(directory);
        return EmbeddedEventLog.open(EmbeddedStoreOptions.in(directory).withRetention(RETENTION).withFlush(flush));
    }

    private static Cell run(EventLog log, int publishers, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[publishers];
        CountDownLatch done = new CountDownLatch(publishers);
        long start = System.nanoTime();
        for (int p = 0; p < publishers; p++) {
            long[] latencies = new long[4_000_000 / publishers];
            perThread.add(latencies);
            int index = p;
            Thread.ofPlatform().name("publisher-" + p).start(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    log.append(EVENT);
                    long t1 = System.nanoTime();
                    if (n < latencies.length) {
                        latencies[n] = t1 - t0;
                    }
                    n++;
                }
                counts[index] = n;
                done.countDown();
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = 0;
        long[] merged;
        int size = 0;
        for (int p = 0; p < publishers; p++) {
            total += counts[p];
            size += (int) Math.min(counts[p], perThread.get(p).length);
        }
        merged = new long[size];
        int at = 0;
        for (int p = 0; p < publishers; p++) {
            int n = (int) Math.min(counts[p], perThread.get(p).length);
            System.arraycopy(perThread.get(p), 0, merged, at, n);
            at += n;
        }
        Arrays.sort(merged);
        return new Cell("", publishers, total, elapsed, merged);
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
