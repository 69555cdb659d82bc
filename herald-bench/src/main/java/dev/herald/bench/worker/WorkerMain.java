package dev.herald.bench.worker;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Entry point of a child worker JVM ({@code herald-bench worker}): reads its spec and commands on stdin, reports on
 * stdout (and nothing else goes there: System.out is pointed at stderr). Exits when told to finish, or when stdin
 * closes (the coordinator went away).
 */
public final class WorkerMain {

    private final Writer out;
    private final ReentrantLock writeLock = new ReentrantLock();

    private WorkerMain(Writer out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Writer protocolOut = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        int code = new WorkerMain(protocolOut).run();
        System.exit(code);
    }

    private int run() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = in.readLine();
        if (first == null || !Wire.SPEC.equals(Wire.type(first))) {
            send(Wire.ERROR + " expected a SPEC line first");
            return 2;
        }
        Worker worker;
        try {
            worker = new Worker(Wire.body(first, WorkerSpec.class));
        } catch (RuntimeException e) {
            send(Wire.ERROR + " " + e);
            return 2;
        }
        Thread reporter = Thread.ofPlatform().name("progress").daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                send(Wire.line(Wire.PROGRESS, worker.progress().withCpuNanos(cpuNanos())));
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        String line;
        while ((line = in.readLine()) != null) {
            if (!Wire.COMMAND.equals(Wire.type(line))) {
                continue;
            }
            WorkerCommand command = Wire.body(line, WorkerCommand.class);
            if (command instanceof WorkerCommand.Finish f) {
                WorkerResult result = worker.finish(f.expectation());
                reporter.interrupt();
                reporter.join();
                WorkerResult withCpu = new WorkerResult(result.totals().withCpuNanos(cpuNanos()), result.accountable(),
                        result.expected(), result.received(), result.lost(), result.unexpected(),
                        result.subscribersWithLoss(), result.subscribersWithDuplicates(), result.caughtUp(), result.notCaughtUp(),
                        result.firstStreamMicros(), result.lastStreamMicros(), result.latencyHistogram(),
                        result.catchUpHistogram());
                send(Wire.line(Wire.RESULT, withCpu));
                return 0;
            }
            worker.handle(command);
        }
        return 1; // coordinator gone
    }

    private void send(String line) {
        writeLock.lock();
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (java.io.IOException e) {
            System.exit(3); // coordinator gone
        } finally {
            writeLock.unlock();
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
