package dev.herald.server.web;

import dev.herald.spring.web.UnreadBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request whose {@code Content-Type} is unparseable or a wildcard ({@code *}{@code /*})
 * with a 415 problem before any handler sees it. Spring MVC throws on such a header deep inside
 * body reading of some endpoints (the actuator's, found by HeraldServerAbuseTest), which would
 * otherwise be a 500 for what is the client's mistake.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentTypeGuardFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !contentType.isBlank()) {
            String problem = problem(contentType);
            if (problem != null) {
                byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415,\"detail\":\""
                        + problem + "\"}").getBytes(StandardCharsets.UTF_8);
                // decided from the head alone: read and drop the body first, so the connection can
                // carry the client's next request (or say Connection: close when too much is left)
                UnreadBody.discardOrClose(request, response, 0);
                response.setStatus(415);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the header, in words safe to put in JSON; null when nothing. */
    private static String problem(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return "Content-Type must name a concrete media type such as application/json, not a wildcard";
            }
            return null;
        } catch (InvalidMediaTypeException e) {
            return "unreadable Content-Type header: send e.g. application/json";
        }
    }
}
