package dev.herald.bench.http;

import java.util.Locale;
import java.util.Map;

/** Status line and headers of an HTTP/1.1 response; header names are lower-cased, repeated headers joined by ", ". */
public record ResponseHead(int status, String reason, Map<String, String> headers) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean chunked() {
        String te = header("transfer-encoding");
        return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** Content-Length, or -1 when absent (then the body runs until the server closes). */
    public long contentLength() {
        String cl = header("content-length");
        if (cl == null) {
            return -1;
        }
        try {
            return Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new HttpProtocolException("bad Content-Length: " + cl);
        }
    }

    public BodyDecoder bodyDecoder() {
        return chunked() ? new ChunkedBodyDecoder() : new IdentityBodyDecoder(contentLength());
    }
}
