package dev.herald.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the Herald endpoints only (the application's own CORS setup is untouched). Answers
 * preflights itself; a request from an origin that may not read is refused with a 403 problem that
 * names the origin and the property, instead of the browser's silent "CORS error". Exposes no
 * response headers: the API's answers are readable without any.
 */
final class HeraldCorsFilter extends OncePerRequestFilter implements Ordered {

    static final Set<String> ALLOWED_REQUEST_HEADERS = Set.of("authorization", "content-type", "last-event-id", "cache-control");
    private static final String ALLOW_METHODS = "GET, POST";

    private final OriginPolicy origins;
    private final ProblemResponses problems;

    HeraldCorsFilter(OriginPolicy origins, ProblemResponses problems) {
        this.origins = origins;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HeraldPaths.isHeraldEndpoint(request);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (!origins.readable(origin, request)) {
            refuse(request, response, "origin '" + SubscribeRequests.printable(origin) + "' may not call this hub: add it to"
                    + " herald.cors.allowed-origins (scheme://host[:port])");
            return;
        }
        boolean credentials = origins.trusted(origin, request);
        if (preflight) {
            String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
            if (!"GET".equals(method) && !"POST".equals(method)) {
                refuse(request, response, "method " + SubscribeRequests.printable(method) + " is not allowed; the API answers "
                        + ALLOW_METHODS);
                return;
            }
            String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
            if (requested != null && !requested.isBlank()) {
                for (String header : requested.split(",")) {
                    String name = header.strip().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty() && !ALLOWED_REQUEST_HEADERS.contains(name)) {
                        refuse(request, response, "request header '" + SubscribeRequests.printable(name)
                                + "' is not allowed; the API accepts " + ALLOWED_REQUEST_HEADERS);
                        return;
                    }
                }
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requested.strip());
            }
            allowOrigin(response, origin, credentials);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD + ", "
                    + HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        allowOrigin(response, origin, credentials);
        chain.doFilter(request, response);
    }

    private static void allowOrigin(HttpServletResponse response, String origin, boolean credentials) {
        if (credentials) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        } else {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        problems.write(HttpStatus.FORBIDDEN, detail, HttpHeaders.EMPTY, request, response);
    }
}
