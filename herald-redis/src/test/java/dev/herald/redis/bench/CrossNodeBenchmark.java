package dev.herald.redis.bench;

import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.log.EventLog;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.topic.Topic;
import dev.herald.redis.RedisEventLog;
import dev.herald.redis.RedisLogSettings;
import dev.herald.redis.testing.RedisServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Cross-node delivery on Redis against the in-memory log: a harness to run by hand, not a test.
 * It starts its own redis-server on a free port (no persistence), and two {@link RedisEventLog}s
 * on it stand for two nodes: A appends, B's follower receives. The in-memory log appends and
 * follows in one process, the floor any shared store is measured against.
 *
 * <ul>
 *   <li><b>latency</b>: one publisher at a fixed rate; the time from before {@code append} to the
 *       follower's hand-over (on B for Redis), and the time {@code append} takes to return;</li>
 *   <li><b>throughput</b>: {@code publishers} threads appending as fast as they can; appends per
 *       second until every append returned, and until the follower has seen them all.</li>
 * </ul>
 *
 * Arguments (all optional): {@code events publishers rate payloadBytes}, defaults 20000 4 2000 200.
 * How to run it is in docs/redis.md.
 */
public final class CrossNodeBenchmark {

    private static final Topic TOPIC = Topic.of("bench");

    private CrossNodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int publishers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int payload = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        RetentionPolicy retention = new RetentionPolicy(Math.max(events, 10_000), Duration.ofHours(1));
        System.out.printf("events=%d publishers=%d latency-rate=%d/s payload=%dB cores=%d%n",
                events, publishers, rate, payload, Runtime.getRuntime().availableProcessors());

        try (InMemoryEventLog memory = new InMemoryEventLog(retention)) {
            run("memory", memory, memory, events, publishers, rate, payload);
        }
        try (RedisServer server = RedisServer.start()) {
            RedisLogSettings settings = RedisLogSettings.of(server.url()).withKeyPrefix("bench:").withRetention(retention);
            try (RedisEventLog a = new RedisEventLog(settings); RedisEventLog b = new RedisEventLog(settings)) {
                run("redis A->B", a, b, events, publishers, rate, payload);
            }
            // the time Redis itself spends per append and per XREAD: its single thread's budget
            for (String line : server.bulk("INFO commandstats").split("\r\n")) {
                if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_xread:")) {
                    System.out.println("redis-side " + line);
                }
            }
        }
    }

    private static void run(String name, EventLog appender, EventLog follower, int events, int publishers, int rate,
                            int payload) throws Exception {
        String padding = "x".repeat(Math.max(0, payload - 20));
        // warm-up: JIT, connections, script cache
        measureThroughput(appender, follower, Math.min(events, 5_000), publishers, padding);
        Latency latency = measureLatency(appender, follower, Math.min(events, rate * 5), rate, padding);
        Throughput throughput = measureThroughput(appender, follower, events, publishers, padding);
        System.out.printf("%-11s delivery p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms | append p50 %6.2f ms  p99 %6.2f ms"
                        + " | %d publishers: %,8.0f appends/s, all delivered at %,8.0f events/s%n",
                name, latency.delivery(0.50), latency.delivery(0.99), latency.delivery(1.0),
                latency.append(0.50), latency.append(0.99), publishers, throughput.appendsPerSecond(),
                throughput.deliveredPerSecond());
    }

    /** Nanosecond samples, sorted once. */
    private record Latency(long[] deliveryNanos, long[] appendNanos) {

        double delivery(double quantile) {
            return millis(deliveryNanos, quantile);
        }

        double append(double quantile) {
            return millis(appendNanos, quantile);
        }

        private static double millis(long[] sorted, double quantile) {
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1));
            return sorted[index] / 1e6;
        }
    }

    private record Throughput(double appendsPerSecond, double deliveredPerSecond) {
    }

    private static Latency measureLatency(EventLog appender, EventLog follower, int count, int rate, String padding)
            throws Exception {
        long[] delivery = new long[count];
        long[] append = new long[count];
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        Consumer<Event> receiver = event -> {
            long sentAt = Long.parseLong(event.data(), 0, event.data().indexOf(':'), 10);
            int i = seen.getAndIncrement();
            if (i < count) {
                delivery[i] = System.nanoTime() - sentAt;
            }
            if (i + 1 == count) {
                done.countDown();
            }
        };
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        try (AutoCloseable following = follower.follow(receiver)) {
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                long sentAt = System.nanoTime();
                appender.append(Publication.of(List.of(TOPIC), sentAt + ":" + padding));
                append[i] = System.nanoTime() - sentAt;
                next += interval;
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + seen.get() + " of " + count + " events arrived");
            }
        }
        Arrays.sort(delivery);
        Arrays.sort(append);
        return new Latency(delivery, append);
    }

    private static Throughput measureThroughput(EventLog appender, EventLog follower, int count, int publishers,
                                                String padding) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch delivered = new CountDownLatch(1);
        Consumer<Event> receiver = event -> {
            if (seen.incrementAndGet() == count) {
                delivered.countDown();
            }
        };
        try (AutoCloseable following = follower.follow(receiver)) {
            AtomicInteger remaining = new AtomicInteger(count);
            CountDownLatch appended = new CountDownLatch(publishers);
            long started = System.nanoTime();
            for (int p = 0; p < publishers; p++) {
                Thread.ofPlatform().start(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        appender.append(Publication.of(List.of(TOPIC), System.nanoTime() + ":" + padding));
                    }
                    appended.countDown();
                });
            }
            if (!appended.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the appends did not finish");
            }
            double appendSeconds = (System.nanoTime() - started) / 1e9;
            if (!delivered.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + seen.get() + " of " + count + " delivered");
            }
            double deliverSeconds = (System.nanoTime() - started) / 1e9;
            return new Throughput(count / appendSeconds, count / deliverSeconds);
        }
    }
}
