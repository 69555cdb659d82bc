package dev.herald.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Accumulates the bytes of a response head until the empty line that ends it (CRLF CRLF, bare LF tolerated), then
 * parses status line and headers. Bytes after the head are left to the caller: {@link #feed} says how many it took.
 */
public final class ResponseHeadParser {

    private static final int MAX_HEAD = 32 * 1024;

    private byte[] buf = new byte[512];
    private int size;
    private int lineLength; // bytes on the current line so far, excluding CR
    private ResponseHead head;

    /**
     * Consumes head bytes from {@code in[off, off+len)}; returns how many were consumed. When the head is complete,
     * {@link #head()} is non-null and the remaining bytes belong to the body.
     */
    public int feed(byte[] in, int off, int len) {
        if (head != null) {
            return 0;
        }
        for (int i = 0; i < len; i++) {
            byte b = in[off + i];
            append(b);
            if (b == '\n') {
                if (lineLength == 0) {
                    head = parse();
                    buf = null;
                    return i + 1;
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return len;
    }

    public ResponseHead head() {
        return head;
    }

    private void append(byte b) {
        if (size == buf.length) {
            if (size >= MAX_HEAD) {
                throw new HttpProtocolException("response head larger than " + MAX_HEAD + " bytes");
            }
            buf = java.util.Arrays.copyOf(buf, size * 2);
        }
        buf[size++] = b;
    }

    private ResponseHead parse() {
        String text = new String(buf, 0, size, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n");
        String statusLine = lines[0];
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new HttpProtocolException("not an HTTP/1.x status line: " + statusLine);
        }
        int sp1 = statusLine.indexOf(' ');
        int sp2 = statusLine.indexOf(' ', sp1 + 1);
        int status;
        try {
            status = Integer.parseInt(sp2 < 0 ? statusLine.substring(sp1 + 1).trim() : statusLine.substring(sp1 + 1, sp2));
        } catch (RuntimeException e) {
            throw new HttpProtocolException("bad status line: " + statusLine);
        }
        String reason = sp2 < 0 ? "" : statusLine.substring(sp2 + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpProtocolException("bad header line: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new ResponseHead(status, reason, Map.copyOf(headers));
    }
}
