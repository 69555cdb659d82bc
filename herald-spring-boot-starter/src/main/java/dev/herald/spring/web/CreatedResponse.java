package dev.herald.spring.web;

import dev.herald.core.event.EventId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The {@code 201} of a publish, {@code {"id":"..."}} (of a batch, {@code {"ids":[...]}}), written as bytes: the same document the JSON
 * message converter wrote for it, without the converter negotiation per request.
 */
final class CreatedResponse {

    private CreatedResponse() {
    }

    static byte[] id(EventId id) {
        StringBuilder json = new StringBuilder(16 + id.value().length()).append("{\"id\":");
        quoted(id, json);
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"ids":[...]}}, the {@code 201} of a batch. */
    static byte[] ids(java.util.List<EventId> ids) {
        StringBuilder json = new StringBuilder(16 + 24 * ids.size()).append("{\"ids\":[");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quoted(ids.get(i), json);
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code id} as a JSON string, escaped as Jackson escapes it. */
    private static void quoted(EventId id, StringBuilder json) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(id.value(), json);
        json.append('"');
    }

    static void write(HttpServletResponse response, byte[] body) throws IOException {
        response.setStatus(HttpServletResponse.SC_CREATED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
