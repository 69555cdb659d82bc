package dev.herald.bench.coord;

import dev.herald.bench.cli.BenchOptions;
import dev.herald.bench.http.Endpoint;
import dev.herald.bench.net.SourceAddresses;
import dev.herald.bench.payload.Template;
import dev.herald.bench.track.Expectation;
import dev.herald.bench.worker.LocalWorker;
import dev.herald.bench.worker.RemoteWorker;
import dev.herald.bench.worker.WorkerCommand;
import dev.herald.bench.worker.WorkerHandle;
import dev.herald.bench.worker.WorkerLauncher;
import dev.herald.bench.worker.WorkerProgress;
import dev.herald.bench.worker.WorkerResult;
import dev.herald.bench.worker.WorkerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * All the workers of a run: in this JVM when one process can hold every subscriber, otherwise child JVMs of at most
 * {@code --conns-per-process} subscribers each (the open-file cap is per process). Subscriber {@code i} lives in
 * worker {@code i * P / N}, and subscribes to server node {@code i mod K} of the K {@code --subscribe-url}s.
 */
public final class Fleet implements AutoCloseable {

    private final List<WorkerHandle> workers;
    private final List<WorkerSpec> specs;

    private Fleet(List<WorkerHandle> workers, List<WorkerSpec> specs) {
        this.workers = workers;
        this.specs = specs;
    }

    public static Fleet start(BenchOptions o) {
        int n = o.connections();
        int processes = o.processes() > 0 ? o.processes()
                : (n + o.connectionsPerProcess() - 1) / o.connectionsPerProcess();
        processes = Math.max(1, Math.min(processes, n));
        boolean loopback = o.subscribeUrls().stream()
                .map(u -> Template.parse(u).expand(Map.of("i", "0", "user", o.userPrefix() + "0", "token", "t",
                        "seq", "0", "payload", "")))
                .allMatch(u -> Endpoint.of(u).loopback());
        long sockets = o.scenario().equals("reconnect-storm") ? 2L * n : n;
        List<String> sources = SourceAddresses.plan(o.sources(), o.sourceBase(), sockets, o.connectionsPerSource(),
                loopback);
        List<WorkerSpec> specs = new ArrayList<>();
        List<WorkerHandle> workers = new ArrayList<>();
        long portSeed = System.nanoTime() ^ ProcessHandle.current().pid();
        try {
            for (int w = 0; w < processes; w++) {
                int from = (int) ((long) n * w / processes);
                int to = (int) ((long) n * (w + 1) / processes);
                WorkerSpec spec = new WorkerSpec(w, from, to, o.ioThreads(), o.subscribeUrls(), o.subscribeHeaders(),
                        o.userPrefix(), o.jwtSecret(), o.tokenSubscribe(), o.tokenTtlSeconds(), sources,
                        w * o.ioThreads(), processes * o.ioThreads(), portSeed,
                        o.connectRate() / processes, Math.max(1, o.maxPendingConnects() / processes),
                        o.connectTimeoutMillis(), o.retryMillis(), o.maxAttempts());
                specs.add(spec);
                workers.add(processes == 1 ? new LocalWorker(spec)
                        : new RemoteWorker(WorkerLauncher.command(o.workerJvmOptions()), spec));
            }
        } catch (RuntimeException e) {
            workers.forEach(WorkerHandle::close);
            throw e;
        }
        return new Fleet(workers, specs);
    }

    /** Waits until every worker is up (child JVMs started), so that start-up is not counted in any figure. */
    public void awaitReady() {
        for (WorkerHandle w : workers) {
            try {
                w.ready().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("worker " + w.pid() + " did not start: " + e.getMessage(), e);
            }
        }
    }

    public void send(WorkerCommand command) {
        workers.forEach(w -> w.send(command));
    }

    public WorkerProgress progress() {
        WorkerProgress sum = WorkerProgress.ZERO;
        for (WorkerHandle w : workers) {
            sum = sum.plus(w.progress());
        }
        return sum;
    }

    /** Tells every worker to account and stop; waits for all results and adds them up. */
    public WorkerResult finish(Expectation expectation) {
        for (int w = 0; w < workers.size(); w++) {
            Expectation part = expectation instanceof Expectation.PerConnection p
                    ? p.slice(specs.get(w).fromIndex(), specs.get(w).toIndex())
                    : expectation;
            workers.get(w).send(new WorkerCommand.Finish(part));
        }
        WorkerResult total = null;
        for (WorkerHandle w : workers) {
            try {
                WorkerResult r = w.result().get(120, TimeUnit.SECONDS);
                total = total == null ? r : total.plus(r);
            } catch (Exception e) {
                throw new IllegalStateException("worker " + w.pid() + " did not report: " + e.getMessage(), e);
            }
        }
        return total;
    }

    /** Pids of the child worker JVMs (empty when the workers run in this JVM). */
    public List<Long> childPids() {
        return workers.stream().map(WorkerHandle::pid).filter(p -> p > 0).toList();
    }

    public int processes() {
        return workers.size();
    }

    @Override
    public void close() {
        workers.forEach(WorkerHandle::close);
    }
}
