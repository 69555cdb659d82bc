package dev.herald.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders RFC 9457 problem documents. The JSON is written here rather than by the message
 * converters, so that the answer is {@code application/problem+json} whatever the request's
 * {@code Accept} says (an {@code EventSource} asks for {@code text/event-stream}) and whatever mix-ins
 * the application's mapper has.
 */
final class ProblemResponses {

    private final JsonMapper jsonMapper;

    ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    ProblemDetail problem(HttpStatusCode status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    ResponseEntity<byte[]> entity(HttpStatusCode status, String detail, HttpHeaders headers, HttpServletRequest request) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(render(problem(status, detail, request)));
    }

    ResponseEntity<byte[]> entity(Problem problem, HttpServletRequest request) {
        return entity(problem.status(), problem.detail(), problem.headers(), request);
    }

    void write(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(problem.status(), problem.detail(), problem.headers(), request, response);
    }

    /** For callers outside a handler method, where no return value handler runs. */
    void write(HttpStatusCode status, String detail, HttpHeaders headers, HttpServletRequest request,
               HttpServletResponse response) throws IOException {
        byte[] body = render(problem(status, detail, request));
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

    byte[] render(ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        // RFC 9457: an absent type means "about:blank"; spelled out for clients that do not know that
        json.put("type", problem.getType() != null ? problem.getType().toString() : "about:blank");
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        json.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            json.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            problem.getProperties().forEach(json::putIfAbsent);
        }
        return jsonMapper.writeValueAsBytes(json);
    }
}
