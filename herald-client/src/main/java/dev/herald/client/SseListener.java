package dev.herald.client;

/**
 * Receives what an {@link SseParser} finds in an event stream.
 *
 * <p><b>Threading and ordering.</b> Callbacks are invoked synchronously on the thread that calls
 * {@link SseParser#feed(byte[], int, int)} (or {@link SseParser#feed(java.nio.ByteBuffer)}), one at
 * a time, in exactly the order the corresponding lines appear in the stream. An implementation
 * therefore needs no synchronisation of its own when it is attached to a single parser, but it
 * should return quickly: the parser does not read further until the callback returns.
 *
 * <p><b>Exceptions.</b> An exception thrown by a callback propagates out of {@code feed}. The parser
 * has already reset its per-event buffers before calling {@link #onEvent}, so it stays consistent,
 * but the rest of the chunk being fed is not processed.
 */
public interface SseListener {

    /**
     * Called when a blank line dispatches an event whose data buffer is non-empty.
     *
     * @param event the dispatched event, never {@code null}
     */
    void onEvent(SseEvent event);

    /**
     * Called for each comment line (a line starting with {@code ':'}). The argument is the text after
     * the colon with one leading space removed, if present, mirroring field values: the line
     * {@code ": keep-alive"} yields {@code "keep-alive"}. Comments never affect events.
     *
     * @param comment the comment text, never {@code null}
     */
    default void onComment(String comment) {
    }

    /**
     * Called when a {@code retry:} field whose value is ASCII digits only is processed (immediately,
     * not at dispatch). Values too large for a {@code long} are reported as {@link Long#MAX_VALUE}.
     *
     * @param millis the reconnection time requested by the server, in milliseconds, {@code >= 0}
     */
    default void onRetry(long millis) {
    }
}
