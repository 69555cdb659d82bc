package dev.herald.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Nothing arrived within the read timeout: either the response headers, or the next byte of an
 * open stream. The connection is considered dead, closed, and retried.
 *
 * @param timeout the read timeout that elapsed
 */
public record ReadTimedOut(Duration timeout) implements ConnectionError {

    /**
     * Validates the component.
     *
     * @throws NullPointerException if {@code timeout} is {@code null}
     */
    public ReadTimedOut {
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public String describe() {
        return "nothing received for " + timeout.toMillis() + " ms";
    }
}
