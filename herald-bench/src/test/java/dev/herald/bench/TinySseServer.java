package dev.herald.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, independent SSE server for the bench's own tests, written on blocking sockets (nothing shared with the
 * bench's code): {@code GET /sub/<topic>} streams events (chunked or identity framing, chunks split at odd places),
 * replays from an in-memory log after {@code Last-Event-ID}; {@code POST /pub/<topic>} appends and fans out.
 * Faults can be injected to prove the bench sees them: skip every n-th event, send every m-th event twice. With
 * several nodes it listens on one port per node, all sharing one log (as hub processes sharing Redis do), and counts
 * the streams each node served.
 */
final class TinySseServer implements AutoCloseable {

    record Faults(int skipEvery, int duplicateEvery) {
        static final Faults NONE = new Faults(0, 0);
    }

    private record Event(long id, String data) {}

    private final List<ServerSocket> nodes = new ArrayList<>();
    private final List<AtomicInteger> streamsServed = new ArrayList<>();
    private final boolean chunked;
    private final Faults faults;
    private final Map<String, List<Event>> logs = new ConcurrentHashMap<>();
    private final Map<String, List<BlockingQueue<Event>>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object publishLock = new Object();

    TinySseServer(boolean chunked, Faults faults) throws IOException {
        this(chunked, faults, 1);
    }

    TinySseServer(boolean chunked, Faults faults, int nodeCount) throws IOException {
        this.chunked = chunked;
        this.faults = faults;
        for (int n = 0; n < nodeCount; n++) {
            ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
            AtomicInteger served = new AtomicInteger();
            nodes.add(server);
            streamsServed.add(served);
            Thread.ofVirtual().start(() -> acceptLoop(server, served));
        }
    }

    int port() {
        return port(0);
    }

    int port(int node) {
        return nodes.get(node).getLocalPort();
    }

    /** Streams (GET /sub/…) node {@code node} has answered, reconnections included. */
    int streamsServed(int node) {
        return streamsServed.get(node).get();
    }

    private void acceptLoop(ServerSocket server, AtomicInteger served) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread.ofVirtual().start(() -> serve(s, served));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, AtomicInteger served) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new HashMap<>();
                String h;
                while ((h = line(in)) != null && !h.isEmpty()) {
                    int c = h.indexOf(':');
                    headers.put(h.substring(0, c).trim().toLowerCase(Locale.ROOT), h.substring(c + 1).trim());
                }
                String[] parts = requestLine.split(" ");
                if (parts[0].equals("POST") && parts[1].startsWith("/pub/")) {
                    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    long id = publish(parts[1].substring(5), body);
                    byte[] answer = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
                            + answer.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(answer);
                    out.flush();
                } else if (parts[0].equals("GET") && parts[1].startsWith("/sub/")) {
                    served.incrementAndGet();
                    stream(parts[1].substring(5), headers.get("last-event-id"), out);
                    return;
                } else {
                    out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // client went away
        }
    }

    private long publish(String topic, String data) {
        synchronized (publishLock) { // test server: one publish at a time keeps log order == id order
            Event e = new Event(ids.incrementAndGet(), data);
            logs.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(e);
            for (BlockingQueue<Event> q : subscribers.getOrDefault(topic, List.of())) {
                q.add(e);
            }
            return e.id;
        }
    }

    private void stream(String topic, String lastEventId, OutputStream out) throws IOException, InterruptedException {
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        List<Event> replay = new ArrayList<>();
        synchronized (publishLock) {
            if (lastEventId != null) {
                long last = Long.parseLong(lastEventId);
                for (Event e : logs.getOrDefault(topic, List.of())) {
                    if (e.id > last) {
                        replay.add(e);
                    }
                }
            }
            subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(queue);
        }
        try {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            write(out, ": welcome\n\nretry: 300\n\n");
            for (Event e : replay) {
                send(out, e);
            }
            out.flush();
            while (true) {
                send(out, queue.take());
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } finally {
            subscribers.get(topic).remove(queue);
        }
    }

    private void send(OutputStream out, Event e) throws IOException {
        if (faults.skipEvery > 0 && e.id % faults.skipEvery == 0) {
            return;
        }
        String frame = "id: " + e.id + "\nevent: message\ndata: " + e.data + "\n\n";
        write(out, frame);
        if (faults.duplicateEvery > 0 && e.id % faults.duplicateEvery == 0) {
            write(out, frame);
        }
    }

    private void write(OutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (!chunked) {
            out.write(b);
            return;
        }
        // split each frame in two chunks at an odd place, with a chunk extension on the second one
        int cut = Math.min(b.length, 7);
        chunk(out, b, 0, cut, "");
        chunk(out, b, cut, b.length - cut, ";ext=1");
    }

    private static void chunk(OutputStream out, byte[] b, int off, int len, String extension) throws IOException {
        if (len == 0) {
            return;
        }
        out.write((Integer.toHexString(len) + extension + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b, off, len);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                buf.write(c);
            }
        }
        if (c < 0 && buf.size() == 0) {
            return null;
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket server : nodes) {
            server.close();
        }
        for (Socket s : sockets) {
            s.close();
        }
    }
}
