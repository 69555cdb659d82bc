package dev.herald.bench.net;

/** Life of one subscriber's socket; a subscriber goes round WAITING → … → STREAMING once per (re)connection. */
enum ConnectionState {
    /** Not connected: queued to open, or backing off before a retry. */
    WAITING,
    /** TCP handshake under way. */
    CONNECTING,
    /** Writing the GET request. */
    SENDING,
    /** Request sent, reading status line and headers. */
    AWAITING_HEAD,
    /** 200 received, body bytes go to the SSE parser. */
    STREAMING,
    /** Gave up after too many failed attempts. */
    FAILED,
    /** Closed by the bench at the end of the run. */
    STOPPED
}
