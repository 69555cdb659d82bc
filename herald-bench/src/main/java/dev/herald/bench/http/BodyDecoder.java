package dev.herald.bench.http;

/** Turns response body bytes as they arrive on the wire into payload bytes, one read at a time. */
public sealed interface BodyDecoder permits ChunkedBodyDecoder, IdentityBodyDecoder {

    /**
     * Decodes {@code in[off, off+len)}, passing payload bytes to {@code sink}. Returns {@code true} once the body is
     * complete (last chunk and trailers, or Content-Length reached); bytes after that are ignored.
     */
    boolean decode(byte[] in, int off, int len, BodySink sink);

    /** Whether the end of the connection is a legal end of this body (identity without Content-Length). */
    boolean endsAtEof();
}
