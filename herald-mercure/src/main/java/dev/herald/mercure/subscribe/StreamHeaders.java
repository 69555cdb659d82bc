package dev.herald.mercure.subscribe;

import dev.herald.mercure.history.ResumePlan;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The response headers of a Mercure stream, the same for {@code GET} and {@code HEAD}. */
final class StreamHeaders {

    static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", StandardCharsets.UTF_8);
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private StreamHeaders() {
    }

    static HttpHeaders of(ResumePlan plan) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(EVENT_STREAM);
        // a stream must never be cached or stored, by browsers, old proxies or HTTP/1.0 caches
        headers.set(HttpHeaders.CACHE_CONTROL, "private, no-cache, no-store, must-revalidate, max-age=0");
        headers.set(HttpHeaders.PRAGMA, "no-cache");
        headers.set(HttpHeaders.EXPIRES, "0");
        // nginx buffers proxied responses unless told not to, which would hold updates back
        headers.set("X-Accel-Buffering", "no");
        plan.lastEventIdHeader().ifPresent(id -> headers.set(LAST_EVENT_ID, id));
        return headers;
    }
}
