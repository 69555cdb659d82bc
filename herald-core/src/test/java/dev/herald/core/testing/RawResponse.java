package dev.herald.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 response read off a raw socket: its head (status line and headers, up to the blank
 * line) and its Content-Length body, so that a test can send the next request on the same connection.
 */
public record RawResponse(String head, String body) {

    /** Reads one response with a Content-Length body (none if the header is absent). */
    public static RawResponse read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + head.size() + " bytes of head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return new RawResponse(text, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** The status code of the status line. */
    public int status() {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** Whether the response says {@code Connection: close}. */
    public boolean closesConnection() {
        return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    }

    @Override
    public String toString() {
        return head + body;
    }
}
