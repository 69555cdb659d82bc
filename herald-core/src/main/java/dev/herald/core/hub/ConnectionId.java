package dev.herald.core.hub;

import java.util.concurrent.atomic.AtomicLong;

/** Names one live stream in this process, for logs, metrics and the subscriptions API. */
public record ConnectionId(long value) {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    static ConnectionId next() {
        return new ConnectionId(SEQUENCE.incrementAndGet());
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
