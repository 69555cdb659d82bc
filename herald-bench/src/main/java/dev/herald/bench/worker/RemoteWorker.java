package dev.herald.bench.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** A worker in a child JVM started by the coordinator; speaks {@link Wire} over the child's stdin/stdout. */
public final class RemoteWorker implements WorkerHandle {

    private final Process process;
    private final Writer toChild;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final CompletableFuture<WorkerResult> result = new CompletableFuture<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile WorkerProgress progress = WorkerProgress.ZERO;

    public RemoteWorker(List<String> command, WorkerSpec spec) {
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + command, e);
        }
        toChild = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofVirtual().name("worker-" + spec.workerId() + "-reader").start(this::readReports);
        write(Wire.line(Wire.SPEC, spec));
    }

    private void readReports() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (Wire.type(line)) {
                    case Wire.PROGRESS -> {
                        progress = Wire.body(line, WorkerProgress.class);
                        ready.complete(null);
                    }
                    case Wire.RESULT -> {
                        WorkerResult r = Wire.body(line, WorkerResult.class);
                        progress = r.totals();
                        result.complete(r);
                    }
                    case Wire.ERROR -> {
                        var failure = new IllegalStateException("worker " + process.pid() + ": " + Wire.text(line));
                        ready.completeExceptionally(failure);
                        result.completeExceptionally(failure);
                    }
                    default -> System.err.println("worker " + process.pid() + ": " + line);
                }
            }
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        var gone = new IllegalStateException("worker " + process.pid() + " exited without a result");
        ready.completeExceptionally(gone);
        result.completeExceptionally(gone);
    }

    @Override
    public void send(WorkerCommand command) {
        write(Wire.line(Wire.COMMAND, command));
    }

    private void write(String line) {
        writeLock.lock();
        try {
            toChild.write(line);
            toChild.write('\n');
            toChild.flush();
        } catch (IOException e) {
            result.completeExceptionally(new IllegalStateException("worker " + process.pid() + " is gone", e));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public WorkerProgress progress() {
        return progress;
    }

    @Override
    public CompletableFuture<WorkerResult> result() {
        return result;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            toChild.close();
        } catch (IOException ignored) {
            // child exits on EOF anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
