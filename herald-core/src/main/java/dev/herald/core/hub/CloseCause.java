package dev.herald.core.hub;

/** Why a stream ended: the label of the disconnect metrics and the connection log line. */
public enum CloseCause {
    /** The client went away: it closed the stream, or a write to it failed. */
    CLIENT_GONE,
    /** The stream reached {@code herald.connection.max-lifetime}; the client resumes by Last-Event-ID. */
    LIFETIME,
    /** The client did not read fast enough and its outbox filled; it resumes from the log. */
    SLOW_CONSUMER,
    /** The subscriber's token expired; it must reconnect with a fresh one. */
    TOKEN_EXPIRED,
    /** The hub is shutting down; the client resumes elsewhere or later. */
    SHUTDOWN,
    /** The server failed to write the stream for a reason other than the client. */
    ERROR;

    /** The label used in metrics and logs, e.g. {@code slow-consumer}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
