package dev.herald.bench.scenario;

import dev.herald.bench.cli.BenchOptions;
import dev.herald.bench.coord.Fleet;
import dev.herald.bench.coord.LoadAverage;
import dev.herald.bench.coord.PlannedEvents;
import dev.herald.bench.coord.ProcessProbe;
import dev.herald.bench.coord.ProgressLine;
import dev.herald.bench.coord.PublishOutcome;
import dev.herald.bench.coord.Publisher;
import dev.herald.bench.payload.WallClock;
import dev.herald.bench.report.Histograms;
import dev.herald.bench.report.LatencySummary;
import dev.herald.bench.report.ScenarioResult;
import dev.herald.bench.track.Expectation;
import dev.herald.bench.worker.WorkerCommand;
import dev.herald.bench.worker.WorkerProgress;
import dev.herald.bench.worker.WorkerResult;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The phases every scenario is made of — connect, publish, drain, finish — over one {@link Fleet} of subscribers and
 * one {@link Publisher}, plus the measurements around them (server RSS and CPU, the bench's own CPU, a progress line
 * each second) and the assembly of the {@link ScenarioResult}.
 */
public final class Session implements AutoCloseable {

    /** The target for the reconnect storm: every resumed stream caught up within 5 s. */
    public static final long CATCH_UP_TARGET_MILLIS = 5_000;

    private final BenchOptions options;
    private final Fleet fleet;
    private final Publisher publisher;
    private final ProgressLine progressLine;
    private final long selfPid = ProcessHandle.current().pid();
    private final long startNanos;
    private final String startedAt;
    private final long toolCpuAtStart;
    private final ProcessProbe.Sample serverAtStart;
    private final double loadAtStart;
    private final List<String> notes = new ArrayList<>();
    private final Measure measure = new Measure();

    private volatile String phase = "starting";
    private long connectStartMicros;
    private ProcessProbe.Sample serverConnected;
    private long lastPrintNanos;
    private long lastPrintDeliveries;
    private long lastPrintPublished;

    public Session(BenchOptions options, PrintStream terminal) {
        this.options = options;
        this.fleet = Fleet.start(options);
        this.publisher = new Publisher(options);
        fleet.awaitReady();
        this.startNanos = System.nanoTime();
        this.startedAt = Instant.now().toString();
        this.toolCpuAtStart = toolCpuNanos(fleet.progress());
        this.loadAtStart = LoadAverage.oneMinute();
        this.serverAtStart = ProcessProbe.trees(options.serverPids());
        if (!options.serverPids().isEmpty() && serverAtStart == null) {
            notes.add("server pid(s) " + options.serverPids() + " not found: no server RSS/CPU figures");
        }
        this.lastPrintNanos = startNanos;
        this.progressLine = new ProgressLine(terminal, this::statusLine);
    }

    public BenchOptions options() {
        return options;
    }

    public void note(String note) {
        notes.add(note);
    }

    /**
     * Opens every subscriber and waits until each one is streaming or has given up, or {@code --connect-budget} seconds
     * passed, or no subscriber connected for {@code --connect-stall} seconds (then the run goes on with the streams it
     * has: a server at its connection cap shows as "not connected" instead of holding the run for every retry, while a
     * slow server that still accepts gets its time).
     */
    public void connect() {
        phase = "connecting";
        connectStartMicros = WallClock.micros();
        fleet.send(new WorkerCommand.Connect());
        int n = options.connections();
        long budgetNanos = options.connectBudgetSeconds() > 0 ? (long) (options.connectBudgetSeconds() * 1e9)
                : (long) ((options.connectRate() > 0 ? n / options.connectRate() : 0) * 1e9)
                        + (options.connectTimeoutMillis() + options.retryMillis()) * 1_000_000L * options.maxAttempts()
                        + 30_000_000_000L;
        long deadline = System.nanoTime() + budgetNanos;
        long stallNanos = (long) (options.connectStallSeconds() * 1e9);
        int lastConnected = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            WorkerProgress p = fleet.progress();
            if (p.everConnected() + p.failed() >= n) {
                break;
            }
            long now = System.nanoTime();
            if (p.everConnected() != lastConnected) {
                lastConnected = p.everConnected();
                lastProgress = now;
            } else if (stallNanos > 0 && now - lastProgress > stallNanos) {
                note(String.format(Locale.ROOT, "connect phase ended: no subscriber connected for %.0f s",
                        options.connectStallSeconds()));
                break;
            }
            sleep(50);
        }
        WorkerProgress p = fleet.progress();
        if (p.everConnected() < n) {
            note(String.format(Locale.ROOT, "%d of %d subscribers had not connected when the connect phase ended (%d gave up); last error: %s",
                    n - p.everConnected(), n, p.failed(), p.lastError()));
        }
        serverConnected = ProcessProbe.trees(options.serverPids());
    }

    /**
     * Keeps the connections open for {@code seconds}, then samples the server's memory again; the hold is the
     * measuring phase of idle.
     */
    public void hold(double seconds) {
        phase = "holding";
        measure.begin();
        sleep((long) (seconds * 1000));
        measure.end();
        serverConnected = ProcessProbe.trees(options.serverPids());
    }

    /** Publishes unmarked events (JIT warm-up of the server); subscribers count them as foreign, not as deliveries. */
    public void warmup() {
        if (options.warmupEvents() <= 0) {
            return;
        }
        phase = "warm-up";
        // targeted: to the subscribers themselves, so that the delivery path is warm too
        int users = "targeted".equals(options.scenario()) ? options.connections() : 0;
        PublishOutcome w = publisher.run(new PlannedEvents.Warmup(users), 0, options.warmupEvents(), 0,
                options.publishConcurrency(), options.seed() + 1);
        if (w.failed() > 0) {
            note("warm-up: " + w.failed() + " of " + w.sent() + " publishes failed: " + w.lastError());
        }
        awaitForeignDrained();
    }

    /** Lets the warm-up deliveries drain (they arrive as events without the mark) before measuring. */
    private void awaitForeignDrained() {
        long deadline = System.nanoTime() + 15_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline) {
            long foreign = fleet.progress().foreign();
            if (foreign == last) {
                break;
            }
            last = foreign;
            sleep(500);
        }
    }

    /**
     * Warm-up storms (JIT warm-up of the server's close, resume and replay paths, which a fresh server otherwise
     * compiles during the measured storm): {@code --warmup-storms} times, unmarked events are published at
     * {@code rate} while every stream drops and resumes within {@code spreadMillis} with Last-Event-ID; then waits until
     * every stream is back and the events have drained. Not counted as the measured storm.
     */
    public void warmupStorms(double rate, long spreadMillis) {
        int subscribers = connectedNow();
        for (int round = 1; round <= options.warmupStorms(); round++) {
            phase = "warm-up storm " + round;
            double seconds = spreadMillis / 1000.0 + 3;
            long seed = options.seed() + 2 + round;
            CompletableFuture<PublishOutcome> publishing = CompletableFuture.supplyAsync(
                    () -> publisher.run(new PlannedEvents.Warmup(0), rate, 0, seconds, options.publishConcurrency(), seed),
                    r -> Thread.ofVirtual().name("warmup-storm-publisher").start(r));
            sleep(1000);
            fleet.send(new WorkerCommand.Drop(1.0, spreadMillis, seed, true));
            PublishOutcome w = publishing.join();
            if (w.failed() > 0) {
                note("warm-up storm " + round + ": " + w.failed() + " of " + w.sent() + " publishes failed: "
                        + w.lastError());
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (connectedNow() < subscribers && System.nanoTime() < deadline) {
                sleep(200);
            }
            if (connectedNow() < subscribers) {
                note("warm-up storm " + round + ": " + connectedNow() + " of " + subscribers
                        + " streams back after 30 s");
            }
            awaitForeignDrained();
        }
    }

    /** Publishes the measured events; the measuring phase starts here (after connects and warm-up). */
    public PublishOutcome publish(PlannedEvents plan, double rate, long maxEvents, double maxSeconds) {
        phase = "publishing";
        measure.begin();
        PublishOutcome outcome = publisher.run(plan, rate, maxEvents, maxSeconds, options.publishConcurrency(),
                options.seed());
        if (outcome.failed() > 0) {
            note(outcome.failed() + " of " + outcome.sent() + " publishes failed; last: " + outcome.lastError());
        }
        if (outcome.gaveUp()) {
            note("publishing stopped after " + options.maxPublishFailures() + " failed publishes (--max-publish-failures)");
        }
        if (rate > 0) {
            double planned = maxSeconds > 0 ? rate * maxSeconds : maxEvents;
            double achieved = outcome.seconds() > 0 ? outcome.sent() / outcome.seconds() : 0;
            if (outcome.sent() < 0.95 * planned || (maxSeconds <= 0 && achieved < 0.95 * rate)) {
                note(String.format(Locale.ROOT, "the publisher fell behind the asked rate: %d events sent of %.0f "
                        + "planned at %.0f/s (%.0f/s achieved, %d in flight, ack p99 %.1f ms)", outcome.sent(),
                        planned, rate, achieved, options.publishConcurrency(),
                        outcome.ackLatency().getValueAtPercentile(99) / 1000.0));
            }
        }
        return outcome;
    }

    public void drop(double fraction, long spreadMillis) {
        phase = "storm";
        fleet.send(new WorkerCommand.Drop(fraction, spreadMillis, options.seed(), false));
    }

    /**
     * Waits until {@code expectedDistinct} distinct deliveries arrived (and every dropped stream is streaming again, if
     * {@code storm}), or nothing arrived for {@code --quiet} ms, or {@code --drain-timeout} passed. Ends the measuring
     * phase.
     */
    public void drain(long expectedDistinct, boolean storm) {
        phase = "draining";
        try {
            awaitDeliveries(expectedDistinct, storm);
        } finally {
            measure.end();
        }
    }

    private void awaitDeliveries(long expectedDistinct, boolean storm) {
        long deadline = System.nanoTime() + (long) (options.drainTimeoutSeconds() * 1e9);
        long lastDistinct = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            WorkerProgress p = fleet.progress();
            boolean done = p.distinct() >= expectedDistinct && (!storm || p.resumed() >= p.dropped());
            if (done) {
                return;
            }
            long now = System.nanoTime();
            if (p.distinct() != lastDistinct) {
                lastDistinct = p.distinct();
                lastChange = now;
            } else if (now - lastChange > options.quietMillis() * 1_000_000L) {
                note(String.format(Locale.ROOT, "drain stopped after %d ms without a delivery (%d of %d distinct "
                        + "deliveries expected so far)", options.quietMillis(), p.distinct(), expectedDistinct));
                return;
            }
            sleep(50);
        }
        note("drain timed out after " + options.drainTimeoutSeconds() + " s");
    }

    public int connectedNow() {
        return fleet.progress().connectedNow();
    }

    /**
     * Subscribers that have had a stream so far: after the connect phase, those held to every event published from
     * now on (a stream the server ended before publishing starts is held too, and resumes with Last-Event-ID), so
     * what a drain must wait for. {@link #connectedNow} would leave out a stream reconnecting at that moment.
     */
    public int streamedSoFar() {
        return fleet.progress().everConnected();
    }

    /** Ends the run: samples the server, accounts every subscriber against {@code expectation}, builds the result. */
    public ScenarioResult finish(Expectation expectation, PublishOutcome outcome) {
        phase = "finishing";
        measure.end();
        ProcessProbe.Sample serverEnd = ProcessProbe.trees(options.serverPids());
        if (serverConnected == null) {
            serverConnected = serverEnd;
        }
        WorkerResult r = fleet.finish(expectation);
        long endNanos = System.nanoTime();
        double wall = (endNanos - startNanos) / 1e9;
        double toolCpu = (toolCpuNanos(r.totals()) - toolCpuAtStart) / 1e9 / wall * 100;
        WorkerProgress t = r.totals();

        double connectSeconds = r.lastStreamMicros() > 0 ? (r.lastStreamMicros() - connectStartMicros) / 1e6 : 0;
        var connections = new ScenarioResult.Connections(options.connections(), t.everConnected(), t.failed(),
                t.connectFailures(), t.httpErrors(), t.unexpectedCloses(), connectSeconds,
                connectSeconds > 0 ? t.everConnected() / connectSeconds : 0, t.comments(), t.lastError());

        ScenarioResult.Publishing publishing;
        ScenarioResult.Delivery delivery;
        var latency = LatencySummary.of(Histograms.decode(r.latencyHistogram()));
        if (outcome == null) {
            publishing = new ScenarioResult.Publishing(0, 0, 0, new LatencySummary(0, 0, 0, 0, 0, 0), null);
        } else {
            publishing = new ScenarioResult.Publishing(outcome.acked(), outcome.failed(),
                    outcome.seconds() > 0 ? outcome.acked() / outcome.seconds() : 0,
                    LatencySummary.of(outcome.ackLatency()), outcome.lastError());
        }
        double deliverySeconds = outcome == null || t.lastDeliveryMicros() <= outcome.firstSendMicros() ? 0
                : (t.lastDeliveryMicros() - outcome.firstSendMicros()) / 1e6;
        delivery = new ScenarioResult.Delivery(t.deliveries(), r.expected(),
                deliverySeconds > 0 ? t.deliveries() / deliverySeconds : 0, r.lost(), t.duplicates(), r.unexpected(),
                t.misrouted(), t.resets(), r.subscribersWithLoss(), r.subscribersWithDuplicates(), latency);

        ScenarioResult.Storm storm = null;
        if (t.dropped() > 0 || options.scenario().equals("reconnect-storm")) {
            var catchUp = Histograms.decode(r.catchUpHistogram());
            int withinTarget = (int) catchUp.getCountBetweenValues(0, CATCH_UP_TARGET_MILLIS * 1000);
            storm = new ScenarioResult.Storm(t.dropped(), t.resumed(), r.caughtUp(), withinTarget,
                    CATCH_UP_TARGET_MILLIS, r.notCaughtUp(), LatencySummary.of(catchUp));
            if (r.notCaughtUp() > 0) {
                note(r.notCaughtUp() + " of " + t.dropped() + " dropped streams never caught up (" + t.resumed()
                        + " were streaming again at the end)");
            }
        }

        Long rssBefore = serverAtStart == null ? null : serverAtStart.rssKb();
        Long rssAfter = serverConnected == null ? null : serverConnected.rssKb();
        Double perConnection = rssBefore == null || rssAfter == null || t.everConnected() == 0 ? null
                : (rssAfter - rssBefore) / (double) t.everConnected();
        Double serverCpuWholeRun = serverAtStart == null || serverEnd == null ? null
                : (serverEnd.cpuNanos() - serverAtStart.cpuNanos()) / 1e9 / wall * 100;
        int cores = Runtime.getRuntime().availableProcessors();
        var resources = new ScenarioResult.Resources(rssBefore, rssAfter, perConnection, measure.serverCpuPercent(),
                serverCpuWholeRun, measure.toolCpuPercent(), toolCpu, measure.seconds(), 1 + fleet.childPids().size(),
                cores);

        double busiestToolCpu = Math.max(toolCpu, measure.toolCpuPercent());
        if (busiestToolCpu > 80.0 * Math.min(cores, fleet.processes() * options.ioThreads() + 1)) {
            note(String.format(Locale.ROOT, "bench CPU at %.0f%% of a core: the bench may have been a bottleneck",
                    busiestToolCpu));
        }
        if (r.lost() > 0 || t.duplicates() > 0 || t.misrouted() > 0) {
            note(String.format(Locale.ROOT, "delivery errors: %d lost (%d subscribers), %d duplicated, %d misrouted",
                    r.lost(), r.subscribersWithLoss(), t.duplicates(), t.misrouted()));
        }
        if (t.foreign() > 0) {
            note(t.foreign() + " events without the bench's mark were received (warm-up, welcome events, other publishers)");
        }
        phase = "done";
        return new ScenarioResult(options.target(), options.scenario(), options.caseName(), startedAt, wall,
                new ScenarioResult.Load(loadAtStart, LoadAverage.oneMinute()), options.parameters(),
                connections, publishing, delivery, storm, resources, List.copyOf(notes));
    }

    private long toolCpuNanos(WorkerProgress progress) {
        // children report their own CPU time; in-process workers are inside our own figure
        return ProcessProbe.cpuNanos(selfPid).orElse(0) + progress.cpuNanos();
    }

    private String statusLine() {
        WorkerProgress p = fleet.progress();
        long now = System.nanoTime();
        double dt = Math.max(1e-3, (now - lastPrintNanos) / 1e9);
        long published = publisher.acked();
        double deliveryRate = (p.deliveries() - lastPrintDeliveries) / dt;
        double publishRate = (published - lastPrintPublished) / dt;
        lastPrintNanos = now;
        lastPrintDeliveries = p.deliveries();
        lastPrintPublished = published;
        double wall = (now - startNanos) / 1e9;
        double cpu = (toolCpuNanos(p) - toolCpuAtStart) / 1e9 / Math.max(1e-3, wall) * 100;
        return String.format(Locale.ROOT,
                "[%s %s %5.1fs %-10s] streams %d/%d (failed %d, pending %d) | published %d (%.0f/s, %d failed)"
                        + " | deliveries %d (%.0f/s) last latency %.2f ms | dup %d | dropped %d resumed %d"
                        + " | bench cpu %.0f%%",
                options.target(), options.scenario(), wall, phase, p.connectedNow(), options.connections(),
                p.failed(), p.pending(), published, publishRate, publisher.failed(), p.deliveries(), deliveryRate,
                p.lastLatencyMicros() / 1000.0, p.duplicates(), p.dropped(), p.resumed(), cpu);
    }

    /**
     * CPU of the server and of the bench over the measuring phase only: /proc samples at its start and its end (the
     * first {@link #begin} and {@link #end} count; a phase never begun gives no figure).
     */
    private final class Measure {
        private long startNanos = -1;
        private long endNanos = -1;
        private ProcessProbe.Sample serverStart;
        private ProcessProbe.Sample serverEnd;
        private long toolStart;
        private long toolEnd;

        void begin() {
            if (startNanos < 0) {
                serverStart = ProcessProbe.trees(options.serverPids());
                toolStart = toolCpuNanos(fleet.progress());
                startNanos = System.nanoTime();
            }
        }

        void end() {
            if (startNanos >= 0 && endNanos < 0) {
                endNanos = System.nanoTime();
                serverEnd = ProcessProbe.trees(options.serverPids());
                toolEnd = toolCpuNanos(fleet.progress());
            }
        }

        double seconds() {
            return endNanos < 0 ? 0 : (endNanos - startNanos) / 1e9;
        }

        Double serverCpuPercent() {
            return serverStart == null || serverEnd == null || seconds() <= 0 ? null
                    : (serverEnd.cpuNanos() - serverStart.cpuNanos()) / 1e9 / seconds() * 100;
        }

        double toolCpuPercent() {
            return seconds() <= 0 ? 0 : (toolEnd - toolStart) / 1e9 / seconds() * 100;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        progressLine.close();
        publisher.close();
        fleet.close();
    }
}
