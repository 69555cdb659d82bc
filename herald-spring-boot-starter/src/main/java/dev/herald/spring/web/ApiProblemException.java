package dev.herald.spring.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the status and a detail that tells the client what to fix;
 * answered as an {@code application/problem+json} document.
 */
public final class ApiProblemException extends RuntimeException {

    private final HttpStatus status;
    private final HttpHeaders headers = new HttpHeaders();

    public ApiProblemException(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public static ApiProblemException badRequest(String detail) {
        return new ApiProblemException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(HttpStatus.FORBIDDEN, detail);
    }

    public ApiProblemException withHeader(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
