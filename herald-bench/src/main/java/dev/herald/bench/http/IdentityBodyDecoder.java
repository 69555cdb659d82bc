package dev.herald.bench.http;

/** A body sent as is: up to Content-Length bytes, or until the server closes when there is none (typical SSE). */
public final class IdentityBodyDecoder implements BodyDecoder {

    private long remaining; // -1: unbounded

    public IdentityBodyDecoder(long contentLength) {
        this.remaining = contentLength;
    }

    @Override
    public boolean decode(byte[] in, int off, int len, BodySink sink) {
        if (remaining < 0) {
            if (len > 0) {
                sink.body(in, off, len);
            }
            return false;
        }
        int n = (int) Math.min(len, remaining);
        if (n > 0) {
            sink.body(in, off, n);
            remaining -= n;
        }
        return remaining == 0;
    }

    @Override
    public boolean endsAtEof() {
        return remaining < 0;
    }
}
