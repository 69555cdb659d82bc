package dev.herald.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a JSON request body of bounded size. Read here rather than by a message converter so that
 * the limit holds before the body is buffered, and each refusal says what to fix.
 */
final class JsonBody {

    private JsonBody() {
    }

    /**
     * @throws ApiProblemException 415 for another content type, 413 above {@code maxBytes}, 400 when
     *                             the body cannot be read
     */
    static byte[] read(HttpServletRequest request, int maxBytes) {
        requireJson(request.getContentType());
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes", maxBytes);
        }
        byte[] body;
        try {
            // not closed: the container owns the stream, and a refusal may still discard the rest
            body = request.getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiProblemException.badRequest("the request body could not be read: " + e.getMessage());
        }
        if (body.length > maxBytes) {
            throw tooLarge("over " + maxBytes + " bytes", maxBytes);
        }
        return body;
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
    static boolean discardRest(HttpServletRequest request, int maxBytes) {
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

    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("no Content-Type: send the event as application/json");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw unsupported("unreadable Content-Type '" + SubscribeRequests.printable(contentType)
                    + "': send the event as application/json");
        }
        boolean json = MediaType.APPLICATION_JSON.includes(type)
                || ("application".equals(type.getType()) && "json".equals(type.getSubtypeSuffix()));
        if (!json || type.isWildcardSubtype()) {
            throw unsupported("Content-Type " + type + " is not supported: send the event as application/json");
        }
    }

    private static ApiProblemException unsupported(String detail) {
        return new ApiProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail).withHeader("Accept-Post", "application/json");
    }

    private static ApiProblemException tooLarge(String size, int maxBytes) {
        return new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE,
                "the request body is " + size + "; herald.publish.max-bytes allows at most " + maxBytes
                        + " bytes: send a smaller payload, such as an id the client fetches the rest with");
    }
}
