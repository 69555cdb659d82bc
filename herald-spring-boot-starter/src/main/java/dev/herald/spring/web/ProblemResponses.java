package dev.herald.spring.web;

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
import org.springframework.web.ErrorResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders RFC 9457 problem documents. The JSON is written here rather than by the message
 * converters, so that the answer is {@code application/problem+json} whatever the request's
 * {@code Accept} says (an {@code EventSource} asks for {@code text/event-stream}) and whatever mix-ins
 * the application's mapper has. Public for the protocol modules (Mercure), whose endpoints answer
 * with the same documents; the starter's bean serves them too.
 */
public final class ProblemResponses {

    private final JsonMapper jsonMapper;

    public ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public ResponseEntity<byte[]> entity(HttpStatusCode status, String detail, HttpHeaders headers, HttpServletRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(render(status, detail, request.getRequestURI()));
    }

    public ResponseEntity<byte[]> entity(Problem problem, HttpServletRequest request) {
        return ResponseEntity.status(problem.status())
                .headers(problem.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(render(problem.status(), problem.detail(), request.getRequestURI(), problem.extensions()));
    }

    /** One of Spring's own request errors ({@code e}, an {@link ErrorResponse}) with its status, headers and detail. */
    public ResponseEntity<byte[]> entity(ErrorResponse error, Exception e, HttpServletRequest request) {
        return entity(error.getStatusCode(), detail(error, e), error.getHeaders(), request);
    }

    /** The detail Spring gave the error, else the exception's message. */
    static String detail(ErrorResponse error, Exception e) {
        String detail = error.getBody().getDetail();
        return detail != null ? detail : e.getMessage();
    }

    void write(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(problem.status(), problem.headers(), render(problem.status(), problem.detail(), request.getRequestURI(),
                problem.extensions()), request, response);
    }

    /** For callers outside a handler method, where no return value handler runs. */
    public void write(HttpStatusCode status, String detail, HttpHeaders headers, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        write(status, headers, render(status, detail, request.getRequestURI()), request, response);
    }

    /**
     * Writes and sends the document. A filter or resolver may refuse a request before its body is
     * read: the rest is read and dropped first, so that the connection carries the client's next
     * request, or the answer says {@code Connection: close} when too much is left (a refusal sent
     * and then followed by a silent close would fail the next request of a client reusing it).
     */
    private static void write(HttpStatusCode status, HttpHeaders headers, byte[] body, HttpServletRequest request,
                              HttpServletResponse response) throws IOException {
        UnreadBody.discardOrClose(request, response, 0);
        response.setStatus(status.value());
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The 405 Spring MVC gave a method its mapping does not take, for the servlets outside it. */
    void methodNotAllowed(String allow, HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ALLOW, allow);
        write(HttpStatus.METHOD_NOT_ALLOWED, "Method '" + request.getMethod() + "' is not supported.", headers, request, response);
    }

    /** The document's bytes; {@code instance} is the path the problem is about (usually the request's). */
    public byte[] render(HttpStatusCode status, String detail, String instance) {
        return render(status, detail, instance, Map.of());
    }

    /** As {@link #render(HttpStatusCode, String, String)}, with RFC 9457 extension members after the standard ones. */
    public byte[] render(HttpStatusCode status, String detail, String instance, Map<String, Object> extensions) {
        HttpStatus known = HttpStatus.resolve(status.value());
        Map<String, Object> json = new LinkedHashMap<>();
        // RFC 9457: an absent type means "about:blank"; spelled out for clients that do not know that
        json.put("type", "about:blank");
        json.put("title", known != null ? known.getReasonPhrase() : "Error");
        json.put("status", status.value());
        json.put("detail", detail);
        json.put("instance", instance);
        json.putAll(extensions);
        return jsonMapper.writeValueAsBytes(json);
    }
}
