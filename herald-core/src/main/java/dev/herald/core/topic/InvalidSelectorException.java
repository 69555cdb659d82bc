package dev.herald.core.topic;

/** A topic selector that cannot be read; the message says what to fix. */
public final class InvalidSelectorException extends IllegalArgumentException {

    public InvalidSelectorException(String message) {
        super(message);
    }
}
