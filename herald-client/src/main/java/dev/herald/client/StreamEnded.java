package dev.herald.client;

/**
 * The server completed the response normally. Event streams are not meant to end, so, as a browser
 * does, the client reconnects (sending {@code Last-Event-ID}). Any event not yet terminated by a
 * blank line was discarded.
 */
public record StreamEnded() implements ConnectionError {

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public String describe() {
        return "the server ended the stream";
    }
}
