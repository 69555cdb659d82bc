package dev.herald.client;

import java.time.Duration;

/**
 * Callbacks of a {@link HeraldEventSource}. Only {@link #onEvent} is required, so a lambda works.
 *
 * <p><b>Threading and ordering.</b> All callbacks of one source are made from that source's single
 * connection thread (a virtual thread), one at a time, never concurrently, in the order things
 * happen: events and comments in stream order; a state change is reported before anything that
 * happens in the new state; an error is reported before the {@code RECONNECTING} or {@code CLOSED}
 * state it causes. Listeners of the same source are called in registration order. The only
 * exception is {@code onStateChange(CLOSED)} for a source closed before it was started, which is
 * made on the thread calling {@code close()}.
 *
 * <p>A slow callback delays reading (and so applies backpressure to the server); it does not count
 * against the read timeout. A callback that throws a {@link RuntimeException} is logged via
 * {@link System.Logger} and otherwise ignored: the stream keeps going and other listeners are still
 * called.
 */
@FunctionalInterface
public interface EventSourceListener {

    /**
     * An event was dispatched.
     *
     * @param event the event, never {@code null}
     */
    void onEvent(SseEvent event);

    /**
     * The server sent a comment line (typically a heartbeat).
     *
     * @param comment the text after the colon, one leading space removed
     */
    default void onComment(String comment) {
    }

    /**
     * The source moved to {@code state}. Never called with {@link ConnectionState#NEW}.
     *
     * @param state the new state
     */
    default void onStateChange(ConnectionState state) {
    }

    /**
     * A connection attempt or an open stream failed. Followed by {@code onStateChange(RECONNECTING)}
     * if {@link ConnectionError#retryable()}, else by {@code onStateChange(CLOSED)}.
     *
     * @param error what went wrong
     */
    default void onError(ConnectionError error) {
    }

    /**
     * A reconnection will be attempted after {@code delay}; called right after
     * {@code onStateChange(RECONNECTING)}.
     *
     * @param delay the backoff delay computed by the {@link ReconnectPolicy}
     */
    default void onReconnectScheduled(Duration delay) {
    }
}
