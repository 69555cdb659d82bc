package dev.herald.redis.testing;

import dev.herald.core.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process of a test's own, on a free port of 127.0.0.1 with a temporary
 * directory: never the machine's shared Redis. It can be stopped and started again on the same
 * port and directory, with its data (AOF, {@link #persistent()}) or without (the default: no RDB,
 * no AOF, so a restart comes back empty).
 */
public final class RedisServer implements AutoCloseable {

    private static final String EXECUTABLE = System.getProperty("herald.test.redis-server", "redis-server");

    private final int port;
    private final Path dir;
    private final boolean persistent;
    private volatile Process process;

    private RedisServer(int port, Path dir, boolean persistent) {
        this.port = port;
        this.dir = dir;
        this.persistent = persistent;
        // a test JVM that dies must not leave servers behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }));
    }

    /** A server that keeps nothing across restarts. */
    public static RedisServer start() {
        return create(false).startAgain();
    }

    /** A server with an AOF fsynced on every write: a restart keeps every acknowledged write. */
    public static RedisServer persistent() {
        return create(true).startAgain();
    }

    /** A server that is not started yet. */
    public static RedisServer notStarted() {
        return create(false);
    }

    private static RedisServer create(boolean persistent) {
        try {
            return new RedisServer(freePort(), Files.createTempDirectory("herald-redis-test"), persistent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process (again) and waits until it answers PING. */
    public synchronized RedisServer startAgain() {
        if (isRunning()) {
            return this;
        }
        List<String> command = new ArrayList<>(List.of(EXECUTABLE,
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--daemonize", "no", "--logfile", "redis.log", "--protected-mode", "yes"));
        if (persistent) {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            command.addAll(List.of("--appendonly", "no"));
        }
        try {
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + EXECUTABLE, e);
        }
        awaitPong(Duration.ofSeconds(15));
        return this;
    }

    /** Stops the process the polite way (SIGTERM: Redis finishes its AOF) and waits for it to end. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the process (SIGKILL), as a crash would. */
    public synchronized void kill() {
        end(true);
    }

    /**
     * Freezes the process (SIGSTOP): connections stay open but nothing answers, like a hung server
     * or a network that drops packets. {@link #resume()} thaws it.
     */
    public synchronized void pause() {
        signal("-STOP");
    }

    public synchronized void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops and starts again on the same port and directory. */
    public synchronized void restart() {
        stop();
        startAgain();
    }

    /** Runs one command (inline protocol) and returns the first reply line, e.g. to kill clients. */
    public String command(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readLine(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command whose reply is one bulk string (such as {@code INFO commandstats}) and returns it. */
    public String bulk(String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            if (!header.startsWith("$")) {
                throw new IllegalStateException("not a bulk reply: " + header);
            }
            byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)));
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        end(true);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is no test failure
        }
    }

    private void end(boolean kill) {
        if (process == null) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitPong(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + dir);
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING in " + timeout);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int freePort() {
        return FreePorts.next();
    }
}
