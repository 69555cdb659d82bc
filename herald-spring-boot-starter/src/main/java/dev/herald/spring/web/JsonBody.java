package dev.herald.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
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
