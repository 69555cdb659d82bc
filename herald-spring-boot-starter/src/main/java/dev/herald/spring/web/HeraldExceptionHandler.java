package dev.herald.spring.web;

import dev.herald.spring.security.AuthenticationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * Answers every failure of the Herald controllers with a problem document whose {@code detail} says
 * what to fix ({@link SubscribeServlet} and {@link PublishServlet} answer their own, with the same
 * {@link Problem}s). Scoped to
 * Herald's controllers (and ordered first among them) so that it neither changes nor is changed by
 * the error handling of the application around it.
 */
@RestControllerAdvice(assignableTypes = SubscriptionsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class HeraldExceptionHandler {

    private final ProblemResponses problems;

    HeraldExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<byte[]> apiProblem(ApiProblemException e, HttpServletRequest request) {
        return problems.entity(Problem.of(e, request), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<byte[]> unauthenticated(AuthenticationException e, HttpServletRequest request) {
        return problems.entity(Problem.of(e, request), request);
    }

    /**
     * Spring's own request errors (unreadable body, bad parameter, not acceptable, ...) with their
     * status and detail; anything else is a bug of ours, not of the client: a 500 problem without
     * internals. Nothing is answered once a stream's response is committed (or its client gone):
     * the exception goes back to Spring's default handling, which logs client disconnects quietly.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> other(Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
        if (response.isCommitted() || e instanceof AsyncRequestNotUsableException) {
            throw e;
        }
        return switch (e) {
            case ErrorResponse error -> problems.entity(error, e, request);
            case HttpMessageNotReadableException unreadable -> problems.entity(HttpStatus.BAD_REQUEST,
                    "unreadable request: " + unreadable.getMostSpecificCause().getMessage(), HttpHeaders.EMPTY, request);
            case TypeMismatchException mismatch -> problems.entity(HttpStatus.BAD_REQUEST,
                    "bad value for '" + mismatch.getPropertyName() + "': " + mismatch.getValue(), HttpHeaders.EMPTY, request);
            default -> problems.entity(Problem.internalError(e, request), request);
        };
    }
}
