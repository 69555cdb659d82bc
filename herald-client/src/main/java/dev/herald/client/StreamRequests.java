package dev.herald.client;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** Builds the GET request for one connection attempt. */
final class StreamRequests {

    private static final System.Logger LOG = System.getLogger(HeraldEventSource.class.getName());

    private StreamRequests() {
    }

    /**
     * The request for {@code options}, with {@code Accept: text/event-stream},
     * {@code Cache-Control: no-store}, the configured headers, a bearer token if the supplier gives
     * one, and {@code Last-Event-ID} if {@code lastEventId} is non-empty (and printable ASCII). The read timeout, if any,
     * also bounds the wait for the response headers.
     */
    static HttpRequest build(EventSourceOptions options, String lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(options.uri())
                .GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-store");
        for (Map.Entry<String, List<String>> header : options.headers().entrySet()) {
            for (String value : header.getValue()) {
                builder.header(header.getKey(), value);
            }
        }
        String token = options.bearerToken().get();
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (!lastEventId.isEmpty()) {
            if (isVisibleAscii(lastEventId)) {
                builder.header("Last-Event-ID", lastEventId);
            } else {
                // java.net.http writes header values as US-ASCII (other characters become '?'), so the
                // UTF-8 value the spec asks for cannot be sent; a corrupted id would be worse than none
                LOG.log(System.Logger.Level.WARNING,
                        "last event ID is not printable ASCII; reconnecting without Last-Event-ID");
            }
        }
        if (!options.readTimeout().isZero()) {
            builder.timeout(options.readTimeout());
        }
        return builder.build();
    }

    /** Whether every character is printable ASCII or space (what {@code HttpClient} sends unchanged). */
    static boolean isVisibleAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
