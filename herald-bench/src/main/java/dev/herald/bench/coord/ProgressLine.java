package dev.herald.bench.coord;

import java.io.PrintStream;
import java.util.function.Supplier;

/** Prints one status line a second on the terminal (stderr) while a scenario runs, and a last one at the end. */
public final class ProgressLine implements AutoCloseable {

    private final Thread thread;
    private final PrintStream out;
    private final Supplier<String> line;

    public ProgressLine(PrintStream out, Supplier<String> line) {
        this.out = out;
        this.line = line;
        thread = Thread.ofPlatform().daemon(true).name("progress-line").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                out.println(line.get());
            }
        });
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println(line.get());
    }
}
