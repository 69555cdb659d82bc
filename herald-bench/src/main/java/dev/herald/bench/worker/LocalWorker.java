package dev.herald.bench.worker;

import java.util.concurrent.CompletableFuture;

/** A worker inside the coordinator's JVM (used while one process is enough for the subscriber count). */
public final class LocalWorker implements WorkerHandle {

    private final Worker worker;
    private final CompletableFuture<WorkerResult> result = new CompletableFuture<>();

    public LocalWorker(WorkerSpec spec) {
        this.worker = new Worker(spec);
    }

    @Override
    public void send(WorkerCommand command) {
        if (command instanceof WorkerCommand.Finish f) {
            Thread.ofVirtual().name("local-worker-finish").start(() -> {
                try {
                    result.complete(worker.finish(f.expectation()));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } else {
            worker.handle(command);
        }
    }

    @Override
    public CompletableFuture<Void> ready() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public WorkerProgress progress() {
        return worker.progress();
    }

    @Override
    public CompletableFuture<WorkerResult> result() {
        return result;
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public void close() {
        if (!result.isDone()) {
            worker.finish(new dev.herald.bench.track.Expectation.Nothing());
        }
    }
}
