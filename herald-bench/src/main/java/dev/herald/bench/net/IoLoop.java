package dev.herald.bench.net;

import dev.herald.bench.payload.WallClock;
import dev.herald.bench.worker.WorkerProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * One selector thread driving many {@link SseConnection}s: readiness events, a timer queue (connect timeouts,
 * reconnect delays), paced opening of new connections, and its own histograms and counters (so there is no
 * cross-thread sharing on the hot path). Other threads talk to it only through {@link #execute} and read
 * {@link #progress()}, an immutable snapshot the loop republishes every 100 ms.
 */
public final class IoLoop implements Runnable {

    private static final long SNAPSHOT_NANOS = 100_000_000L;
    /** Latencies up to one hour, in microseconds, three significant digits. */
    public static final long MAX_MICROS = 3_600_000_000L;

    private record Timer(long dueNanos, long order, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(dueNanos, o.dueNanos);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final Selector selector;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ArrayDeque<SseConnection> initialQueue = new ArrayDeque<>();
    private final ArrayDeque<SseConnection> reconnectQueue = new ArrayDeque<>();
    private final List<SseConnection> connections = new ArrayList<>();
    private final byte[] readArray = new byte[64 * 1024];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readArray);
    private final Histogram latency = new Histogram(MAX_MICROS, 3);
    private final Histogram catchUp = new Histogram(MAX_MICROS, 3);

    final LoopTally tally = new LoopTally();
    int pending;

    private final double connectsPerNano;
    private final int maxPending;
    private final long connectTimeoutNanos;
    private final int maxAttempts;
    private long timerOrder;
    private long pacingStart;
    private long pacedOpens;
    private long nextSnapshot;
    private volatile WorkerProgress snapshot;
    private volatile boolean running = true;

    private final SourcePorts sourcePorts;

    /**
     * @param sourceAddresses loopback addresses to bind sockets to (empty: the kernel chooses)
     * @param lane            this loop's share of the source ports, out of {@code lanes} (all loops of all processes)
     */
    public IoLoop(double connectsPerSecond, int maxPending, long connectTimeoutMillis, int maxAttempts,
                  List<String> sourceAddresses, int lane, int lanes, long seed) {
        this.sourcePorts = new SourcePorts(sourceAddresses, lane, lanes, seed);
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.connectsPerNano = connectsPerSecond <= 0 ? 0 : connectsPerSecond / 1e9;
        this.maxPending = Math.max(1, maxPending);
        this.connectTimeoutNanos = connectTimeoutMillis * 1_000_000L;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.snapshot = tally.snapshot(0);
    }

    /** Adds a subscriber before the loop starts. */
    public void add(int index, RequestFactory requests, long retryMillis) {
        connections.add(new SseConnection(index, this, requests, retryMillis));
    }

    public int size() {
        return connections.size();
    }

    /** Runs {@code task} on the loop thread. */
    public void execute(Runnable task) {
        inbox.add(task);
        selector.wakeup();
    }

    /** Runs {@code f} on the loop thread and hands back its value. */
    public <T> CompletableFuture<T> call(Function<IoLoop, T> f) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(f.apply(this));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Starts opening every subscriber, paced by the connect rate and the cap on handshakes in flight. */
    public void connectAll() {
        execute(() -> {
            pacingStart = System.nanoTime();
            pacedOpens = 0;
            initialQueue.addAll(connections);
        });
    }

    /**
     * Reconnect storm: drops the selected streaming subscribers, each reconnecting after a random delay; a
     * {@code rehearsal} (warm-up storm) does the same without marking them as the measured storm's.
     */
    public void drop(double fraction, long spreadMillis, long seed, boolean rehearsal) {
        execute(() -> {
            for (SseConnection c : connections) {
                long h = mix(seed ^ (c.index * 0x9E3779B97F4A7C15L));
                double u = (h >>> 11) * 0x1.0p-53;
                if (u < fraction && c.isStreaming()) {
                    long delay = spreadMillis <= 0 ? 0 : Math.floorMod(mix(h), spreadMillis * 1_000_000L);
                    if (rehearsal) {
                        c.rehearse(delay);
                    } else {
                        c.drop(delay);
                    }
                }
            }
        });
    }

    public WorkerProgress progress() {
        return snapshot;
    }

    public void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                long timeout = millisUntilNextWork();
                if (timeout == 0) {
                    selector.selectNow(this::onReady);
                } else {
                    selector.select(this::onReady, timeout);
                }
                drainInbox();
                runDueTimers();
                openPending();
                long now = System.nanoTime();
                if (now >= nextSnapshot) {
                    snapshot = tally.snapshot(pending);
                    nextSnapshot = now + SNAPSHOT_NANOS;
                }
            }
        } catch (IOException e) {
            tally.lastError = "selector failed: " + e;
        } finally {
            for (SseConnection c : connections) {
                c.stop();
            }
            snapshot = tally.snapshot(pending);
            try {
                selector.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }

    private void onReady(SelectionKey key) {
        SseConnection c = (SseConnection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                c.onConnectable();
            }
            if (key.isValid() && (ready & SelectionKey.OP_WRITE) != 0) {
                c.onWritable();
            }
            if (key.isValid() && (ready & SelectionKey.OP_READ) != 0) {
                read(c);
            }
        } catch (IOException | RuntimeException e) {
            c.onError(e);
        }
    }

    private void read(SseConnection c) throws IOException {
        long arrival = -1;
        for (int reads = 0; reads < 8; reads++) {
            var channel = c.channel();
            if (channel == null) {
                return;
            }
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                c.onEof();
                return;
            }
            if (n == 0) {
                return;
            }
            if (arrival < 0) {
                arrival = WallClock.micros();
            }
            c.onBytes(readArray, 0, n, arrival);
            if (n < readArray.length) {
                return;
            }
        }
    }

    private long millisUntilNextWork() {
        long now = System.nanoTime();
        long wait = Math.max(1, (nextSnapshot - now) / 1_000_000L);
        if (!timers.isEmpty()) {
            wait = Math.min(wait, Math.max(0, (timers.peek().dueNanos() - now + 999_999) / 1_000_000L));
        }
        if (pending < maxPending && (!reconnectQueue.isEmpty() || !initialQueue.isEmpty())) {
            wait = Math.min(wait, reconnectQueue.isEmpty() ? 1 : 0);
        }
        return wait;
    }

    private void drainInbox() {
        Runnable task;
        while ((task = inbox.poll()) != null) {
            task.run();
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().dueNanos() <= now) {
            timers.poll().task().run();
        }
    }

    private void openPending() {
        while (pending < maxPending && !reconnectQueue.isEmpty()) {
            SseConnection c = reconnectQueue.poll();
            if (c.state() == ConnectionState.WAITING) {
                c.open();
            }
        }
        if (initialQueue.isEmpty()) {
            return;
        }
        long allowed = connectsPerNano == 0 ? Long.MAX_VALUE
                : 1 + (long) ((System.nanoTime() - pacingStart) * connectsPerNano);
        while (pending < maxPending && pacedOpens < allowed && !initialQueue.isEmpty()) {
            SseConnection c = initialQueue.poll();
            pacedOpens++;
            if (c.state() == ConnectionState.WAITING) {
                c.open();
            }
        }
    }

    // ---- used by SseConnection (loop thread only) ----

    Selector selector() {
        return selector;
    }

    SourcePorts sourcePorts() {
        return sourcePorts;
    }

    long connectTimeoutNanos() {
        return connectTimeoutNanos;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    void schedule(long delayNanos, Runnable task) {
        timers.add(new Timer(System.nanoTime() + delayNanos, timerOrder++, task));
    }

    void reopen(SseConnection c) {
        if (c.state() == ConnectionState.WAITING) {
            reconnectQueue.add(c);
        }
    }

    void recordLatency(long micros) {
        latency.recordValue(Math.min(micros, MAX_MICROS));
    }

    void recordCatchUp(long micros) {
        catchUp.recordValue(Math.max(0, Math.min(micros, MAX_MICROS)));
    }

    // ---- end of run (loop thread, via call) ----

    public List<SseConnection> connections() {
        return connections;
    }

    public Histogram latency() {
        return latency;
    }

    public Histogram catchUp() {
        return catchUp;
    }

    public WorkerProgress tallyNow() {
        return tally.snapshot(pending);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
