package dev.herald.bench.worker;

import java.util.concurrent.CompletableFuture;

/** The coordinator's view of a worker, in this JVM or in a child JVM. */
public sealed interface WorkerHandle extends AutoCloseable permits LocalWorker, RemoteWorker {

    /** Sends a command; the answer to {@link WorkerCommand.Finish} arrives through {@link #result()}. */
    void send(WorkerCommand command);

    /** Completes once the worker is up (a child JVM has started and reported). */
    CompletableFuture<Void> ready();

    /** The latest progress the worker reported. */
    WorkerProgress progress();

    /** Completes with the worker's result after {@link WorkerCommand.Finish}. */
    CompletableFuture<WorkerResult> result();

    /** The pid of the worker's process when it is a child, -1 when it runs inside the coordinator. */
    long pid();

    @Override
    void close();
}
