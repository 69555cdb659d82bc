package dev.herald.client;

/**
 * Why a connection attempt or an open stream ended, other than {@link HeraldEventSource#close()}.
 * Closed set of variants, so a {@code switch} over it is exhaustive:
 *
 * <pre>{@code
 * switch (error) {
 *     case UnexpectedStatus s -> ...        // non-200 response (204 included)
 *     case UnexpectedContentType t -> ...   // 200 but not text/event-stream
 *     case ReadTimedOut t -> ...            // no byte within the read timeout
 *     case NetworkFailure f -> ...          // I/O error: refused, reset, truncated body...
 *     case StreamEnded e -> ...             // the server finished the response normally
 * }
 * }</pre>
 *
 * <p>Values are immutable and safe to share between threads.
 */
public sealed interface ConnectionError
        permits UnexpectedStatus, UnexpectedContentType, ReadTimedOut, NetworkFailure, StreamEnded {

    /**
     * Whether the event source reconnects after this error. Retryable: network failures, read
     * timeouts, a normally ended stream, and HTTP 502/503/504. Everything else fails the connection
     * for good, as the WHATWG processing model requires for any non-200 status and any other
     * content type.
     *
     * @return {@code true} if a reconnection follows
     */
    boolean retryable();

    /**
     * A short human-readable description, for logs.
     *
     * @return the description, never {@code null}
     */
    String describe();
}
