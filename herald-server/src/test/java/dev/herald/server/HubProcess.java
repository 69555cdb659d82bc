package dev.herald.server;

import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub as operators run it: {@code java -jar herald-server.jar} in a process of its own, on a
 * fixed port (30000-31999) and store (directory, or Redis) so that a restart is the same hub again.
 */
final class HubProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "herald-server.jar");

    private final int port;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    HubProcess(Path storeDirectory, String secret, Path log) {
        this(log, "--herald.store.path=" + storeDirectory, "--herald.security.jwt.secret=" + secret);
    }

    private HubProcess(Path log, String... arguments) {
        this.port = FreePorts.next();
        this.log = log;
        List<String> all = new ArrayList<>(List.of("--server.port=" + port, "--herald.heartbeat=2s"));
        all.addAll(List.of(arguments));
        this.arguments = List.copyOf(all);
    }

    /** A node of a hub on Redis, named {@code node}; {@code more} are further {@code --key=value} arguments. */
    static HubProcess onRedis(String node, String redisUrl, String keyPrefix, String secret, Path log, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--herald.node=" + node, "--herald.store.type=redis",
                "--herald.redis.url=" + redisUrl, "--herald.redis.key-prefix=" + keyPrefix,
                "--herald.security.jwt.secret=" + secret));
        arguments.addAll(List.of(more));
        return new HubProcess(log, arguments.toArray(String[]::new));
    }

    int port() {
        return port;
    }

    HubProcess start() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited at start-up:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** SIGTERM, and wait for the hub to finish its shutdown. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** SIGTERM, without waiting: the hub shuts down gracefully meanwhile. */
    void terminate() {
        process.destroy();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits for the process to end; its exit code, or empty if it still runs after {@code timeout}. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
