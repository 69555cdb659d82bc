package dev.herald.bench.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bytes of an SSE subscription: {@code GET target HTTP/1.1} with Accept, optional Last-Event-ID and extra headers. */
public final class SubscribeRequest {

    private SubscribeRequest() {}

    public static byte[] bytes(Endpoint endpoint, List<String> headers, String lastEventId) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("GET ").append(endpoint.target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n")
                .append("Accept: text/event-stream\r\n")
                .append("Cache-Control: no-cache\r\n");
        if (lastEventId != null && !lastEventId.isEmpty()) {
            sb.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        }
        for (String header : headers) {
            if (header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0 || header.indexOf(':') <= 0) {
                throw new IllegalArgumentException("bad header (want 'Name: value'): " + header);
            }
            sb.append(header).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
