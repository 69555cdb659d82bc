package dev.herald.mercure.web;

import dev.herald.spring.web.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders RFC 9457 problem documents for the Mercure endpoints. Written as bytes with a preset
 * {@code Content-Type}, so the answer is {@code application/problem+json} whatever the request's
 * {@code Accept} says (an {@code EventSource} asks for {@code text/event-stream}).
 */
public final class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public ResponseEntity<byte[]> entity(HttpStatusCode status, String detail, HttpHeaders headers, HttpServletRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(render(status, detail, request));
    }

    public ResponseEntity<byte[]> entity(Problem problem, HttpServletRequest request) {
        return entity(problem.status(), problem.detail(), problem.headers(), request);
    }

    /** For callers outside a handler method, where no return value handler runs. */
    void write(HttpStatusCode status, String detail, HttpHeaders headers, HttpServletRequest request,
               HttpServletResponse response) throws IOException {
        byte[] body = render(status, detail, request);
        response.setStatus(status.value());
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private byte[] render(HttpStatusCode status, String detail, HttpServletRequest request) {
        return render(status, detail, request.getRequestURI());
    }

    /** The document's bytes. */
    byte[] render(HttpStatusCode status, String detail, String instance) {
        HttpStatus known = HttpStatus.resolve(status.value());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known != null ? known.getReasonPhrase() : "Error");
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        return json.writeValueAsBytes(problem);
    }
}
