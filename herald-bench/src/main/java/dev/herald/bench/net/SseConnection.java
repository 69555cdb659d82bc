package dev.herald.bench.net;

import dev.herald.bench.http.BodyDecoder;
import dev.herald.bench.http.BodySink;
import dev.herald.bench.http.Endpoint;
import dev.herald.bench.http.ResponseHead;
import dev.herald.bench.http.ResponseHeadParser;
import dev.herald.bench.payload.Payload;
import dev.herald.bench.payload.WallClock;
import dev.herald.bench.track.DeliveryTracker;
import dev.herald.client.SseEvent;
import dev.herald.client.SseListener;
import dev.herald.client.SseParser;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One subscriber: the HTTP/1.1 state machine of its socket (connect, write GET, read head, stream body through the
 * chunked or identity decoder into {@link SseParser}), reconnection with {@code Last-Event-ID}, and the accounting of
 * what it received. Lives on one {@link IoLoop} thread; every method is called from that thread only.
 */
public final class SseConnection implements SseListener {

    public static final String RESET_EVENT = "herald.reset";
    private static final int MAX_PORT_TRIES = 64;

    final int index;
    private final String user;
    private final IoLoop loop;
    private final RequestFactory requests;
    final DeliveryTracker tracker = new DeliveryTracker();

    private ConnectionState state = ConnectionState.WAITING;
    private SocketChannel channel;
    private SelectionKey key;
    private ByteBuffer request;
    private ResponseHeadParser headParser;
    private BodyDecoder body;
    private SseParser parser;
    private final BodySink toParser = (b, off, len) -> parser.feed(b, off, len);

    private int attempt;              // id of the current attempt, to recognise stale timeouts
    private int consecutiveFailures;
    private boolean countedPending;
    private boolean everStreamed;
    private String lastEventId;
    private long retryMillis;
    private long nowMicros;           // arrival time of the bytes being parsed

    long firstStreamMicros = -1;
    int misrouted;
    int resets;
    // reconnect storm (see CatchUp for the rule these feed)
    boolean dropped;                  // dropped by the storm
    private boolean resumed;          // streaming again after the drop
    long reconnectMicros = -1;        // first connection attempt after the drop
    long lastBackfillMicros = -1;     // last first-time arrival of an event stamped before reconnectMicros

    SseConnection(int index, IoLoop loop, RequestFactory requests, long retryMillis) {
        this.index = index;
        this.user = requests.user(index);
        this.loop = loop;
        this.requests = requests;
        this.retryMillis = retryMillis;
    }

    ConnectionState state() {
        return state;
    }

    boolean isStreaming() {
        return state == ConnectionState.STREAMING;
    }

    /** Opens a socket and starts the handshake; called by the loop when pacing allows. */
    void open() {
        attempt++;
        countedPending = true;
        loop.pending++;
        try {
            Endpoint endpoint = requests.endpoint(index);
            request = ByteBuffer.wrap(requests.request(index, endpoint, lastEventId));
            if (dropped && reconnectMicros < 0) {
                reconnectMicros = WallClock.micros();
            }
            state = ConnectionState.CONNECTING;
            boolean connected = connectFromNextPort(endpoint);
            key = channel.register(loop.selector(), connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, this);
            if (connected) {
                state = ConnectionState.SENDING;
            }
            int thisAttempt = attempt;
            loop.schedule(loop.connectTimeoutNanos(), () -> {
                if (attempt == thisAttempt && state.compareTo(ConnectionState.STREAMING) < 0
                        && state != ConnectionState.WAITING) {
                    failAttempt("no response head within " + loop.connectTimeoutNanos() / 1_000_000 + " ms");
                }
            });
        } catch (IOException | RuntimeException e) {
            failAttempt(describe(e));
        }
    }

    /** Binds the next source port of this loop (skipping ports someone else holds) and starts connecting. */
    private boolean connectFromNextPort(Endpoint endpoint) throws IOException {
        for (int tries = 1; ; tries++) {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                if (loop.sourcePorts().enabled()) {
                    channel.bind(loop.sourcePorts().next(index));
                }
                return channel.connect(endpoint.address());
            } catch (BindException e) { // port in use, or its 4-tuple still in TIME_WAIT
                channel.close();
                channel = null;
                if (!loop.sourcePorts().enabled() || tries >= MAX_PORT_TRIES) {
                    throw e;
                }
            }
        }
    }

    void onConnectable() throws IOException {
        if (channel.finishConnect()) {
            state = ConnectionState.SENDING;
            key.interestOps(SelectionKey.OP_WRITE);
            onWritable();
        }
    }

    void onWritable() throws IOException {
        channel.write(request);
        if (!request.hasRemaining()) {
            request = null;
            headParser = new ResponseHeadParser();
            state = ConnectionState.AWAITING_HEAD;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Bytes read from the socket; {@code arrivalMicros} is when the read returned. */
    void onBytes(byte[] bytes, int off, int len, long arrivalMicros) {
        if (state == ConnectionState.AWAITING_HEAD) {
            int used = headParser.feed(bytes, off, len);
            off += used;
            len -= used;
            ResponseHead head = headParser.head();
            if (head == null) {
                return;
            }
            headParser = null;
            if (head.status() != 200) {
                loop.tally.httpErrors++;
                failAttempt("HTTP " + head.status() + " " + head.reason());
                return;
            }
            startStream(head, arrivalMicros);
        }
        if (state == ConnectionState.STREAMING && len > 0) {
            nowMicros = arrivalMicros;
            if (body.decode(bytes, off, len, toParser)) {
                streamLost("server ended the response body");
            }
        }
    }

    private void startStream(ResponseHead head, long arrivalMicros) {
        body = head.bodyDecoder();
        if (parser == null) {
            parser = new SseParser(this); // kept across reconnections: it carries the last event ID
        }
        state = ConnectionState.STREAMING;
        consecutiveFailures = 0;
        releasePending();
        loop.tally.connectedNow++;
        if (!everStreamed) {
            everStreamed = true;
            firstStreamMicros = arrivalMicros;
            loop.tally.everConnected++;
        }
        if (dropped && !resumed) {
            resumed = true;
            loop.tally.resumed++;
        }
    }

    void onEof() {
        if (state == ConnectionState.STREAMING) {
            streamLost(body.endsAtEof() ? "server closed the stream" : "server closed the stream mid-body");
        } else {
            failAttempt("connection closed before the response head");
        }
    }

    void onError(Exception e) {
        if (state == ConnectionState.STREAMING) {
            streamLost(describe(e));
        } else {
            failAttempt(describe(e));
        }
    }

    @Override
    public void onEvent(SseEvent event) {
        if (RESET_EVENT.equals(event.type())) {
            resets++;
            loop.tally.resets++;
            return;
        }
        Payload.Mark mark = Payload.decode(event.data());
        if (mark == null) {
            loop.tally.foreign++;
            return;
        }
        if (!mark.broadcast() && !mark.userIs(user)) {
            misrouted++;
            loop.tally.misrouted++;
            return;
        }
        long latency = Math.max(0, nowMicros - mark.sendMicros());
        loop.recordLatency(latency);
        loop.tally.deliveries++;
        loop.tally.lastLatencyMicros = latency;
        loop.tally.lastDeliveryMicros = nowMicros;
        if (tracker.record((int) mark.seq())) {
            loop.tally.distinct++;
            if (reconnectMicros >= 0 && mark.sendMicros() < reconnectMicros) {
                lastBackfillMicros = Math.max(lastBackfillMicros, nowMicros);
            }
        } else {
            loop.tally.duplicates++;
        }
    }

    @Override
    public void onComment(String comment) {
        loop.tally.comments++;
    }

    @Override
    public void onRetry(long millis) {
        retryMillis = millis;
    }

    /** Reconnect storm: close the stream now as a client would, reconnect after {@code delayNanos} with Last-Event-ID. */
    void drop(long delayNanos) {
        if (state != ConnectionState.STREAMING) {
            return;
        }
        loop.tally.dropped++;
        dropped = true;
        resumed = false;
        reconnectMicros = -1;
        lastBackfillMicros = -1;
        closeAndReopen(delayNanos);
    }

    /** Warm-up storm: close and reconnect as {@link #drop} does, but not as the measured storm's drop. */
    void rehearse(long delayNanos) {
        if (state == ConnectionState.STREAMING) {
            closeAndReopen(delayNanos);
        }
    }

    private void closeAndReopen(long delayNanos) {
        closeChannel();
        loop.tally.connectedNow--;
        state = ConnectionState.WAITING;
        loop.schedule(delayNanos, () -> loop.reopen(this));
    }

    /** Closes the socket for good at the end of the run. */
    void stop() {
        if (state == ConnectionState.STREAMING) {
            loop.tally.connectedNow--;
        }
        releasePending();
        closeChannel();
        state = ConnectionState.STOPPED;
    }

    private void streamLost(String why) {
        closeChannel();
        loop.tally.connectedNow--;
        loop.tally.unexpectedCloses++;
        loop.tally.lastError = why;
        state = ConnectionState.WAITING;
        int thisAttempt = attempt;
        loop.schedule(retryMillis * 1_000_000L, () -> {
            if (attempt == thisAttempt && state == ConnectionState.WAITING) {
                loop.reopen(this);
            }
        });
    }

    private void failAttempt(String why) {
        if (state == ConnectionState.STOPPED || state == ConnectionState.FAILED) {
            return;
        }
        releasePending();
        closeChannel();
        loop.tally.connectFailures++;
        loop.tally.lastError = why;
        consecutiveFailures++;
        if (consecutiveFailures >= loop.maxAttempts()) {
            state = ConnectionState.FAILED;
            loop.tally.failed++;
            return;
        }
        state = ConnectionState.WAITING;
        int thisAttempt = attempt;
        loop.schedule(retryMillis * 1_000_000L, () -> {
            if (attempt == thisAttempt && state == ConnectionState.WAITING) {
                loop.reopen(this);
            }
        });
    }

    private void releasePending() {
        if (countedPending) {
            countedPending = false;
            loop.pending--;
        }
    }

    private void closeChannel() {
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            channel = null;
        }
        request = null;
        headParser = null;
        body = null;
        if (parser != null) {
            parser.end(); // drops a partial event, keeps the last event ID
            lastEventId = parser.lastEventId();
        }
    }

    SocketChannel channel() {
        return channel;
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
