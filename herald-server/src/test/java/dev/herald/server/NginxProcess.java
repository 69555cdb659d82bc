package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a process of the test's own: its own prefix directory, a free port, in the
 * foreground, serving docs/deploy/nginx.conf with only the addresses (and, when asked, the read
 * timeout) changed. bin/test installs nginx.
 */
final class NginxProcess implements AutoCloseable {

    static final Path DEPLOY_CONFIG = Path.of("..", "docs", "deploy", "nginx.conf");
    private static final String EXECUTABLE = System.getProperty("herald.test.nginx", "/usr/sbin/nginx");

    private final Process process;
    private final Path prefix;
    private final int port;

    private NginxProcess(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /** nginx in front of {@code hubPort}, with the documented config but {@code readTimeout}. */
    static NginxProcess inFrontOf(int hubPort, Duration readTimeout) throws IOException {
        assertThat(Path.of(EXECUTABLE)).as("nginx (apt-get install nginx; bin/test does)").isExecutable();
        Path prefix = Files.createTempDirectory("herald-nginx");
        int port = freePort();
        String documented = Files.readString(DEPLOY_CONFIG);
        String herald = replaceOnce(replaceOnce(replaceOnce(documented,
                "server 127.0.0.1:8080;", "server 127.0.0.1:" + hubPort + ";"),
                "listen 80;", "listen 127.0.0.1:" + port + ";"),
                "proxy_read_timeout 60s;", "proxy_read_timeout " + readTimeout.toMillis() + "ms;");
        Files.writeString(prefix.resolve("herald.conf"), herald);
        String dir = prefix.toAbsolutePath().toString();
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes 1;
                error_log %1$s/error.log info;
                pid %1$s/nginx.pid;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/herald.conf;
                }
                """.formatted(dir));
        Process process = new ProcessBuilder(EXECUTABLE, "-p", dir, "-c", dir + "/nginx.conf", "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        NginxProcess nginx = new NginxProcess(process, prefix, port);
        nginx.awaitListening();
        return nginx;
    }

    int port() {
        return port;
    }

    String errorLog() throws IOException {
        return Files.readString(prefix.resolve("error.log"));
    }

    private static String replaceOnce(String text, String target, String replacement) {
        assertThat(text).as("docs/deploy/nginx.conf still has '%s'", target).containsOnlyOnce(target);
        return text.replace(target, replacement);
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(prefix.resolve("stdout.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
