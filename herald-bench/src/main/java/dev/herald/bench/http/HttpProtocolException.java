package dev.herald.bench.http;

/** The server's bytes are not valid HTTP/1.1 (bad status line, bad chunk size, oversized head…). */
public final class HttpProtocolException extends RuntimeException {
    public HttpProtocolException(String message) {
        super(message);
    }
}
