package dev.herald.client;

/**
 * Lifecycle of a {@link HeraldEventSource}.
 *
 * <p>Normal sequence: {@code NEW → CONNECTING → OPEN}, then after a dropped stream
 * {@code RECONNECTING → CONNECTING → OPEN} again, and finally {@code CLOSED} (after
 * {@link HeraldEventSource#close()} or a failure that is not retried). A connection attempt that
 * fails before opening goes {@code CONNECTING → RECONNECTING} (retryable) or
 * {@code CONNECTING → CLOSED}.
 */
public enum ConnectionState {
    /** Created, {@link HeraldEventSource#start()} not called yet. Never reported to listeners. */
    NEW,
    /** A request is in flight; no valid response yet. */
    CONNECTING,
    /** The server answered 200 with {@code text/event-stream}; events are flowing. */
    OPEN,
    /** The previous connection or attempt failed in a retryable way; waiting out the backoff delay. */
    RECONNECTING,
    /** Terminal: closed by the application, or failed without retry. */
    CLOSED
}
