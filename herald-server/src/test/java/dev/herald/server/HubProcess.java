package dev.herald.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * fixed port and store directory so that a restart is the same hub again.
 */
final class HubProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "herald-server.jar");

    private final int port;
    private final List<String> arguments;
    private final Path log;
    private Process process;

    HubProcess(Path storeDirectory, String secret, Path log) {
        this.port = freePort();
        this.log = log;
        this.arguments = List.of("--server.port=" + port, "--herald.store.path=" + storeDirectory,
                "--herald.security.jwt.secret=" + secret, "--herald.heartbeat=2s");
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
