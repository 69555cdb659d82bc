package dev.herald.bench.worker;

import dev.herald.bench.net.IoLoop;
import dev.herald.bench.net.LoopAccounting;
import dev.herald.bench.net.RequestFactory;
import dev.herald.bench.track.Expectation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The subscribers of one process, spread round-robin over a few {@link IoLoop} threads. Used in-process by
 * {@link LocalWorker} and in child JVMs by {@link WorkerMain}.
 */
public final class Worker {

    private final List<IoLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public Worker(WorkerSpec spec) {
        RequestFactory requests = new RequestFactory(spec);
        int n = Math.max(1, Math.min(spec.ioThreads(), Math.max(1, spec.size())));
        for (int i = 0; i < n; i++) {
            loops.add(new IoLoop(spec.connectRate() / n, Math.max(1, spec.maxPendingConnects() / n),
                    spec.connectTimeoutMillis(), spec.maxAttempts(), spec.sourceAddresses(),
                    spec.firstLane() + i, spec.lanes(), spec.portSeed()));
        }
        for (int index = spec.fromIndex(); index < spec.toIndex(); index++) {
            loops.get((index - spec.fromIndex()) % n).add(index, requests, spec.retryMillis());
        }
        for (int i = 0; i < n; i++) {
            Thread t = Thread.ofPlatform().name("bench-io-" + spec.workerId() + "-" + i).daemon(true)
                    .unstarted(loops.get(i));
            threads.add(t);
            t.start();
        }
    }

    /** Handles connect and drop; {@link WorkerCommand.Finish} goes through {@link #finish}. */
    public void handle(WorkerCommand command) {
        switch (command) {
            case WorkerCommand.Connect c -> loops.forEach(IoLoop::connectAll);
            case WorkerCommand.Drop d -> loops.forEach(l -> l.drop(d.fraction(), d.spreadMillis(), d.seed(), d.rehearsal()));
            case WorkerCommand.Finish f -> throw new IllegalArgumentException("use finish()");
        }
    }

    public WorkerProgress progress() {
        WorkerProgress sum = WorkerProgress.ZERO;
        for (IoLoop loop : loops) {
            sum = sum.plus(loop.progress());
        }
        return sum;
    }

    /** Accounts on every loop thread, then stops the loops (closing every socket). */
    public WorkerResult finish(Expectation expectation) {
        List<CompletableFuture<WorkerResult>> parts = loops.stream()
                .map(loop -> loop.call(l -> LoopAccounting.account(l, expectation)))
                .toList();
        WorkerResult total = null;
        for (CompletableFuture<WorkerResult> part : parts) {
            WorkerResult r = part.join();
            total = total == null ? r : total.plus(r);
        }
        loops.forEach(IoLoop::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return total;
    }
}
