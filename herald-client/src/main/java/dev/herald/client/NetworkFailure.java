package dev.herald.client;

import java.io.IOException;
import java.util.Objects;

/**
 * An I/O error while connecting or reading: connection refused or reset, TLS failure, a chunked
 * body cut off mid-way, and the like. Retried.
 *
 * @param cause the underlying exception
 */
public record NetworkFailure(IOException cause) implements ConnectionError {

    /**
     * Validates the component.
     *
     * @throws NullPointerException if {@code cause} is {@code null}
     */
    public NetworkFailure {
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public String describe() {
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getClass().getName() + ": "
                + cause.getMessage();
    }
}
