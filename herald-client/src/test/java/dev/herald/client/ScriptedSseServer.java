package dev.herald.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 server on a raw {@link ServerSocket} (127.0.0.1, ephemeral port) whose every
 * connection follows the next {@link Script} enqueued by the test, so it can misbehave in ways a
 * real server framework would not allow: chunk-per-byte writes, cutting the connection mid-event
 * (TCP reset, no terminating chunk), going silent, odd statuses and content types.
 *
 * <p>Every request is recorded (method, target, headers with their raw ISO-8859-1 values). A
 * connection for which no script arrives within 10 s gets HTTP 500.
 */
final class ScriptedSseServer implements AutoCloseable {

    /** What the server does with one connection. */
    @FunctionalInterface
    interface Script {
        void run(Exchange exchange) throws Exception;
    }

    /** A received request. Header names are lower-cased; values are decoded as ISO-8859-1 (raw bytes). */
    record RecordedRequest(String method, String target, Map<String, List<String>> headers, long receivedNanos) {

        Optional<String> header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        /** The header's bytes decoded as UTF-8 (how Last-Event-ID is specified). */
        Optional<String> headerAsUtf8(String name) {
            return header(name).map(v -> new String(v.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private final ServerSocket serverSocket;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> handlers = new CopyOnWriteArrayList<>();
    private final List<Throwable> scriptFailures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    ScriptedSseServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("scripted-sse-acceptor").start(this::acceptLoop);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/events?topic=t");
    }

    /** Scripts for the next connections, in order. */
    ScriptedSseServer enqueue(Script... next) {
        scripts.addAll(List.of(next));
        return this;
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    int requestCount() {
        return requests.size();
    }

    /** Exceptions thrown by scripts other than the client going away. */
    List<Throwable> scriptFailures() {
        return List.copyOf(scriptFailures);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                handlers.add(Thread.ofVirtual().name("scripted-sse-connection").start(() -> handle(socket)));
            } catch (IOException e) {
                if (!closed) {
                    scriptFailures.add(e);
                }
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            RecordedRequest request = readRequest(socket.getInputStream());
            if (request == null) {
                return;
            }
            requests.add(request);
            Exchange exchange = new Exchange(request, socket);
            Script script = scripts.poll(10, TimeUnit.SECONDS);
            if (script == null) {
                exchange.respond(500, "text/plain", "no script for this connection");
                return;
            }
            script.run(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away, or the script dropped the connection on purpose
        } catch (Exception | AssertionError e) {
            scriptFailures.add(e);
        }
    }

    private static RecordedRequest readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        long received = System.nanoTime();
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
            }
        }
        return new RecordedRequest(requestLine[0], requestLine[1], headers, received);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        handlers.forEach(Thread::interrupt);
        acceptor.interrupt();
    }

    /** The server side of one connection. */
    static final class Exchange {

        private final RecordedRequest request;
        private final Socket socket;
        private final OutputStream out;
        private volatile long endedNanos;

        Exchange(RecordedRequest request, Socket socket) throws IOException {
            this.request = request;
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        RecordedRequest request() {
            return request;
        }

        /** When {@link #end()} or {@link #drop()} was called ({@code System.nanoTime()}), 0 if not. */
        long endedNanos() {
            return endedNanos;
        }

        /** A complete non-streaming response, then close. */
        void respond(int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Scripted\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (status != 204 && status != 304) {
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (status != 204 && status != 304) {
                out.write(bytes);
            }
            out.flush();
        }

        /** Starts a chunked 200 response with the given content type. */
        void startStream(String contentType) throws IOException {
            String head = "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nCache-Control: no-store\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Starts a chunked 200 {@code text/event-stream} response. */
        void startStream() throws IOException {
            startStream("text/event-stream; charset=utf-8");
        }

        /** Sends {@code text} (UTF-8) as one chunk and flushes. */
        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Sends {@code bytes} as one chunk and flushes. */
        void send(byte[] bytes) throws IOException {
            if (bytes.length == 0) {
                return;
            }
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Sends every byte of {@code bytes} as its own chunk, flushing after each. */
        void sendByteByByte(byte[] bytes) throws IOException {
            for (byte b : bytes) {
                send(new byte[] {b});
            }
        }

        /** Ends the response properly (terminating chunk) and closes the connection. */
        void end() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            endedNanos = System.nanoTime();
            socket.close();
        }

        /**
         * Cuts the connection mid-response: closes it (FIN) without the terminating chunk, so the
         * client receives everything sent so far and then a truncated body.
         */
        void drop() throws IOException {
            out.flush();
            endedNanos = System.nanoTime();
            socket.close();
        }

        /**
         * Resets the connection (TCP RST). The client's kernel may discard data it has not read yet,
         * so use this only before sending anything.
         */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            endedNanos = System.nanoTime();
            socket.close();
        }

        /**
         * Waits until the client closes the connection.
         *
         * @return {@code true} if it did within {@code timeout}
         */
        boolean awaitClientClose(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            InputStream in = socket.getInputStream();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                try {
                    if (in.read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    return true; // reset by the client counts as closed
                }
            }
        }

        /** Keeps the connection open, sending nothing, until the client closes it. */
        void holdUntilClientCloses() throws IOException {
            awaitClientClose(Duration.ofSeconds(30));
        }
    }
}
