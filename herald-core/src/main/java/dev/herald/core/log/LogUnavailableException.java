package dev.herald.core.log;

/** The log's storage cannot take or give events right now (a store that is down); try again later. */
public final class LogUnavailableException extends RuntimeException {

    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
