package dev.herald.spring.web;

import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.spring.security.AuthenticationException;
import dev.herald.spring.security.AuthenticationFailure;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * A refusal as the API answers it: the status, the {@code detail} of the problem document and the
 * headers that go with it. One mapping for the controllers' exception handler and the servlets of
 * the stream and the publish endpoints, which answer outside Spring MVC; the event log's refusals
 * are public, for the protocol modules (Mercure) whose endpoints answer them as Herald's API does.
 */
public record Problem(HttpStatusCode status, String detail, HttpHeaders headers, Map<String, Object> extensions) {

    private static final Logger log = LoggerFactory.getLogger(Problem.class);

    /** {@code extensions} are RFC 9457 extension members of the document, after the standard ones. */
    public Problem {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(headers, "headers");
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public Problem(HttpStatusCode status, String detail, HttpHeaders headers) {
        this(status, detail, headers, Map.of());
    }

    /** This problem with one more extension member. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, detail, headers, more);
    }

    static Problem of(ApiProblemException e, HttpServletRequest request) {
        if (e.status().is4xxClientError()) {
            log.debug("{} {} refused: {} {}", request.getMethod(), request.getRequestURI(), e.status().value(), e.getMessage());
        }
        return new Problem(e.status(), e.getMessage(), e.headers());
    }

    /** 401 with a {@code WWW-Authenticate} challenge; 503 when the keys cannot be fetched (not the client's fault). */
    static Problem of(AuthenticationException e, HttpServletRequest request) {
        log.debug("{} {} refused: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        if (e.failure() instanceof AuthenticationFailure.KeysUnavailable) {
            log.warn("tokens cannot be verified: {}", e.getMessage());
            headers.set(HttpHeaders.RETRY_AFTER, "5");
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), headers);
        }
        headers.set(BearerChallenge.HEADER, BearerChallenge.of(e.failure()));
        return new Problem(HttpStatus.UNAUTHORIZED, e.getMessage(), headers);
    }

    /** 409: the publisher's own id is already in the log. */
    public static Problem of(DuplicateEventIdException e) {
        return new Problem(HttpStatus.CONFLICT, e.getMessage() + ": choose another id, or omit it to have one generated",
                HttpHeaders.EMPTY);
    }

    /**
     * 503 with {@code Retry-After: 1}: the log cannot be reached now. {@code notStored} says what the
     * client lost, such as "the event was not stored".
     */
    public static Problem logUnavailable(LogUnavailableException e, String notStored) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return new Problem(HttpStatus.SERVICE_UNAVAILABLE,
                "the event log is unavailable (" + e.getMessage() + "); " + notStored + ", retry later", headers);
    }

    /** A bug of ours, not the client's: logged with its stack, answered without internals. */
    static Problem internalError(Exception e, HttpServletRequest request) {
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "the hub failed to handle the request; see its log",
                HttpHeaders.EMPTY);
    }
}
