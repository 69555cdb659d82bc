package dev.herald.client;

import java.util.Objects;

/**
 * The server answered 200 but the {@code Content-Type} is not {@code text/event-stream}
 * (parameters such as {@code charset} are ignored when checking). Never retried.
 *
 * @param contentType the received {@code Content-Type} header, {@code ""} if absent
 */
public record UnexpectedContentType(String contentType) implements ConnectionError {

    /**
     * Validates the component.
     *
     * @throws NullPointerException if {@code contentType} is {@code null}
     */
    public UnexpectedContentType {
        Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public boolean retryable() {
        return false;
    }

    @Override
    public String describe() {
        return contentType.isEmpty() ? "no Content-Type" : "Content-Type " + contentType;
    }
}
