package dev.herald.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;

/**
 * What is left of a refused request's body. A refusal answered while the body is still arriving
 * must read and drop the rest before the connection closes or carries the next request: a
 * connection closed on unread bytes is reset, and the client may lose the answer with it.
 */
public final class UnreadBody {

    private UnreadBody() {
    }

    /**
     * The most a refusal reads and drops of a body: beyond it the connection closes instead. Above
     * the publish limit, so that a body a little too large still gets its 413 read by the client (a
     * connection closed on unread bytes is reset, and the client may lose the answer with it).
     */
    static final int DISCARD_LIMIT = 1 << 20;

    /**
     * Reads and drops what is left of the body, at most {@code maxBytes} or {@link #DISCARD_LIMIT}
     * (the larger), so that the connection can carry the client's next request once a refusal is
     * sent. A refusal sent (and flushed) while the body is still arriving would otherwise leave the
     * container to close the connection after the answer without saying so, and a client reusing it
     * would see its next request fail.
     *
     * @return false when more is left or the body cannot be read: the connection must then close
     */
    private static boolean discardRest(HttpServletRequest request, int maxBytes) {
        long limit = Math.max(maxBytes, DISCARD_LIMIT);
        if (request.getContentLengthLong() > limit) {
            return false;
        }
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long left = limit;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                left -= n;
                if (left < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /**
     * Before a refusal is written: drops the rest of the body (see {@link #discardRest}), or, when too
     * much is left, says {@code Connection: close} on the response so the client does not reuse it.
     */
    public static void discardOrClose(HttpServletRequest request, HttpServletResponse response, int maxBytes) {
        if (!discardRest(request, maxBytes)) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
    }
}
