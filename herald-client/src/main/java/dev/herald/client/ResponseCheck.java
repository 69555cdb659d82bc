package dev.herald.client;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/** Decides whether a response can be read as an event stream (WHATWG §9.2.3 "announce the connection"). */
final class ResponseCheck {

    private static final String EVENT_STREAM = "text/event-stream";

    private ResponseCheck() {
    }

    /** Empty if the response is 200 with a {@code text/event-stream} content type, else why not. */
    static Optional<ConnectionError> reject(HttpResponse<?> response) {
        if (response.statusCode() != 200) {
            return Optional.of(new UnexpectedStatus(response.statusCode()));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!isEventStream(contentType)) {
            return Optional.of(new UnexpectedContentType(contentType));
        }
        return Optional.empty();
    }

    /** Compares the MIME type essence, ignoring case, whitespace and parameters. */
    static boolean isEventStream(String contentType) {
        int semicolon = contentType.indexOf(';');
        String essence = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return essence.strip().toLowerCase(Locale.ROOT).equals(EVENT_STREAM);
    }
}
