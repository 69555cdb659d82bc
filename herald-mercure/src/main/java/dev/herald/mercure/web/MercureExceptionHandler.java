package dev.herald.mercure.web;

import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.mercure.auth.MercureAuthenticationException;
import dev.herald.mercure.publish.PublishEndpoint;
import dev.herald.mercure.subscribe.SubscribeEndpoint;
import dev.herald.mercure.subscriptions.SubscriptionsEndpoint;
import dev.herald.spring.web.ApiProblemException;
import dev.herald.spring.web.Problem;
import dev.herald.spring.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Answers every failure of the Mercure endpoints with the protocol's status and a problem document
 * that says what to fix. Scoped to those endpoints, so it neither changes nor is changed by the error
 * handling of Herald's own API or of the application around it.
 */
@RestControllerAdvice(assignableTypes = {SubscribeEndpoint.class, PublishEndpoint.class, SubscriptionsEndpoint.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MercureExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MercureExceptionHandler.class);

    private final ProblemResponses problems;

    public MercureExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<byte[]> problem(ApiProblemException e, HttpServletRequest request) {
        return problems.entity(e.status(), e.getMessage(), e.headers(), request);
    }

    @ExceptionHandler(MercureAuthenticationException.class)
    ResponseEntity<byte[]> unauthenticated(MercureAuthenticationException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        return problems.entity(HttpStatus.UNAUTHORIZED, e.getMessage(), headers, request);
    }

    @ExceptionHandler(DuplicateEventIdException.class)
    ResponseEntity<byte[]> duplicate(DuplicateEventIdException e, HttpServletRequest request) {
        return problems.entity(Problem.of(e), request);
    }

    @ExceptionHandler(LogUnavailableException.class)
    ResponseEntity<byte[]> logUnavailable(LogUnavailableException e, HttpServletRequest request) {
        log.warn("Mercure request refused, the event log is unavailable: {}", e.getMessage());
        return problems.entity(Problem.logUnavailable(e, "nothing was stored"), request);
    }

    /**
     * Spring's own request errors keep their status and detail; anything else is a bug of the hub,
     * not of the client: a 500 without internals, logged. Once a stream's response is committed (or
     * its client gone) nothing can be answered: the exception goes back to Spring.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> other(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (response.isCommitted() || e instanceof AsyncRequestNotUsableException) {
            throw e;
        }
        if (e instanceof ErrorResponse error) {
            return problems.entity(error, e, request);
        }
        log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return problems.entity(HttpStatus.INTERNAL_SERVER_ERROR, "the hub failed to handle the request; see its log",
                HttpHeaders.EMPTY, request);
    }
}
