package dev.herald.bench.http;

/** Receives decoded body bytes (already de-chunked); the array is only valid during the call. */
@FunctionalInterface
public interface BodySink {
    void body(byte[] bytes, int off, int len);
}
