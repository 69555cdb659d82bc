package dev.herald.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a Herald request whose query string is longer than {@code herald.limits.max-query-length}
 * with a 414 problem, before any parameter is parsed. (The container's own header limit,
 * {@code server.max-http-request-header-size}, bounds the request line and headers as a whole.)
 */
final class QueryLengthFilter extends OncePerRequestFilter {

    private final int maxLength;
    private final ProblemResponses problems;

    QueryLengthFilter(int maxLength, ProblemResponses problems) {
        this.maxLength = maxLength;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.length() > maxLength) {
            problems.write(HttpStatus.URI_TOO_LONG, "query string of " + query.length() + " characters; at most " + maxLength
                    + " (herald.limits.max-query-length): fewer or shorter topics", HttpHeaders.EMPTY, request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
