package dev.herald.bench.coord;

import dev.herald.bench.auth.JwtMinter;
import dev.herald.bench.cli.BenchOptions;
import dev.herald.bench.net.IoLoop;
import dev.herald.bench.payload.Payload;
import dev.herald.bench.payload.Template;
import dev.herald.bench.payload.WallClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publishes events with {@link HttpClient} (HTTP/1.1, keep-alive) from a few virtual threads: at a fixed rate (the
 * n-th event is due at start + n/rate) or saturated (each thread sends as soon as the previous one was acknowledged).
 * With {@code --publish-batch=B} a request carries up to B events: those already due when it leaves at a fixed rate
 * (so batches form only while every thread is busy), always B when saturated.
 * The send time goes into the payload right before the request leaves, so delivery latency includes the publish hop.
 */
public final class Publisher implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Template url;
    private final Template body;
    private final int batch;
    private final Template batchBody;
    private final List<Template> headers;
    private final int payloadBytes;
    private final String userPrefix;
    private final String token;
    private final boolean contentTypeGiven;
    private final Duration timeout;
    private final long maxFailures;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public Publisher(BenchOptions o) {
        this.url = Template.parse(o.publishUrl());
        this.body = Template.parse(o.publishBody());
        this.batch = o.publishBatch();
        this.batchBody = Template.parse(o.publishBatchBody());
        this.headers = o.publishHeaders().stream().map(Template::parse).toList();
        this.payloadBytes = o.payloadBytes();
        this.userPrefix = o.userPrefix();
        boolean needsToken = url.uses("token") || headers.stream().anyMatch(h -> h.uses("token"));
        this.token = needsToken
                ? new JwtMinter(o.jwtSecret()).mint("bench-publisher", List.of(), o.tokenPublish(),
                        Duration.ofSeconds(o.tokenTtlSeconds()))
                : null;
        this.contentTypeGiven = o.publishHeaders().stream().anyMatch(h -> h.toLowerCase().startsWith("content-type:"));
        this.timeout = Duration.ofMillis(o.publishTimeoutMillis());
        this.maxFailures = o.maxPublishFailures();
    }

    public long sent() {
        return sent.get();
    }

    public long acked() {
        return acked.get();
    }

    public long failed() {
        return failed.get();
    }

    /**
     * Publishes until {@code maxEvents} were sent (0 = no limit) or {@code maxSeconds} passed (0 = no limit).
     * Blocks until every request in flight has been answered. Stops early once {@code --max-publish-failures} publishes
     * of this run failed (a server that cannot take the publisher's connection, e.g. at its connection cap, would
     * otherwise hold the run for a timeout per event).
     */
    public PublishOutcome run(PlannedEvents plan, double rate, long maxEvents, double maxSeconds, int concurrency,
                              long seed) {
        long start = System.nanoTime();
        long ackedBefore = acked.get();
        long deadline = maxSeconds > 0 ? start + (long) (maxSeconds * 1e9) : Long.MAX_VALUE;
        long limit = maxEvents > 0 ? maxEvents : Long.MAX_VALUE;
        double periodNanos = rate > 0 ? 1e9 / rate : 0;
        AtomicLong tickets = new AtomicLong();
        AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastAck = new AtomicLong();
        ConcurrentLinkedQueue<Long> failedKeys = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<Integer, Long> broadcastStamps = new ConcurrentHashMap<>();
        AtomicLong runFailures = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        SplittableRandom root = new SplittableRandom(seed);
        for (int t = 0; t < concurrency; t++) {
            Histogram h = new Histogram(IoLoop.MAX_MICROS, 3);
            histograms.add(h);
            SplittableRandom random = root.split();
            threads.add(Thread.ofVirtual().name("publisher-" + t).start(() -> {
                while (true) {
                    long ticket = tickets.getAndIncrement();
                    if (ticket >= limit) {
                        return;
                    }
                    if (periodNanos > 0) {
                        long due = start + (long) (ticket * periodNanos);
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    if (System.nanoTime() >= deadline || (maxFailures > 0 && runFailures.get() >= maxFailures)) {
                        return;
                    }
                    List<PlannedEvents.Planned> events = new ArrayList<>(batch);
                    events.add(plan.next(ticket, random));
                    // a batch takes the further tickets already due (all of them up to B when saturated)
                    while (events.size() < batch) {
                        long next = tickets.get();
                        if (next >= limit || (periodNanos > 0 && start + (long) (next * periodNanos) > System.nanoTime())) {
                            break;
                        }
                        if (tickets.compareAndSet(next, next + 1)) {
                            events.add(plan.next(next, random));
                        }
                    }
                    long sendMicros = publish(events, h, failedKeys, errors, runFailures);
                    for (PlannedEvents.Planned event : events) {
                        if (event.marked() && event.user() < 0) {
                            broadcastStamps.put(event.seq(), sendMicros);
                        }
                    }
                    firstSend.accumulateAndGet(sendMicros, Math::min);
                    lastAck.accumulateAndGet(WallClock.micros(), Math::max);
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Histogram ack = new Histogram(IoLoop.MAX_MICROS, 3);
        histograms.forEach(ack::add);
        long s = ack.getTotalCount() == 0 ? 0 : firstSend.get();
        long[] stamps = new long[broadcastStamps.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
        Arrays.fill(stamps, -1);
        broadcastStamps.forEach((seq, micros) -> stamps[seq] = micros);
        boolean gaveUp = maxFailures > 0 && runFailures.get() >= maxFailures;
        long failedCount = ack.getTotalCount() - (acked.get() - ackedBefore);
        return new PublishOutcome(ack.getTotalCount(), ack.getTotalCount() - failedCount, failedCount,
                s, lastAck.get(), ack, List.copyOf(failedKeys), stamps, gaveUp, errors.peek());
    }

    /** One request: the single publish, or with {@code --publish-batch} a batch (of one event or more). Returns the send time stamped into the payloads. */
    private long publish(List<PlannedEvents.Planned> events, Histogram ackLatency, ConcurrentLinkedQueue<Long> failedKeys,
                         ConcurrentLinkedQueue<String> errors, AtomicLong runFailures) {
        long sendMicros = WallClock.micros();
        Map<String, String> values = values(events.getFirst(), sendMicros);
        String requestBody;
        if (batch == 1) {
            requestBody = body.expand(values);
        } else {
            StringBuilder joined = new StringBuilder(events.size() * (payloadBytes + 64));
            for (PlannedEvents.Planned event : events) {
                if (!joined.isEmpty()) {
                    joined.append(',');
                }
                joined.append(body.expand(values(event, sendMicros)));
            }
            Map<String, String> batchValues = new HashMap<>(values);
            batchValues.put("events", joined.toString());
            requestBody = batchBody.expand(batchValues);
        }
        boolean ok;
        String error = null;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.expand(values)))
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(requestBody));
            if (!contentTypeGiven) {
                request.header("Content-Type", "application/json");
            }
            for (Template header : headers) {
                String h = header.expand(values);
                int colon = h.indexOf(':');
                request.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
            sent.addAndGet(events.size());
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ok = response.statusCode() / 100 == 2;
            if (!ok) {
                error = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ok = false;
            error = e.toString();
        }
        long ackMicros = Math.min(IoLoop.MAX_MICROS, Math.max(0, WallClock.micros() - sendMicros));
        ackLatency.recordValueWithCount(ackMicros, events.size());
        if (ok) {
            acked.addAndGet(events.size());
        } else {
            failed.addAndGet(events.size());
            runFailures.incrementAndGet();
            if (errors.size() < 10) {
                errors.add(error);
            }
            for (PlannedEvents.Planned event : events) {
                if (event.marked()) {
                    failedKeys.add(event.user() < 0 ? event.seq() : ((long) event.user() << 32) | event.seq());
                }
            }
        }
        return sendMicros;
    }

    /** The template values of one event: its addressee and its payload carrying the send time. */
    private Map<String, String> values(PlannedEvents.Planned event, long sendMicros) {
        String user = event.user() < 0 ? Payload.NO_USER : userPrefix + event.user();
        String payload = event.marked()
                ? Payload.encode(event.seq(), sendMicros, user, payloadBytes)
                : "warmup." + "x".repeat(Math.max(0, payloadBytes - 7));
        Map<String, String> values = new HashMap<>(8);
        values.put("seq", Integer.toString(event.seq()));
        values.put("user", user);
        values.put("i", Integer.toString(Math.max(event.user(), 0)));
        values.put("payload", payload);
        if (token != null) {
            values.put("token", token);
        }
        return values;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public void close() {
        http.close();
    }
}
