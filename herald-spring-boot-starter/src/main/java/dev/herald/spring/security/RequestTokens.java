package dev.herald.spring.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a request's token: the {@code Authorization: Bearer} header, else the {@code access_token}
 * query parameter (a browser's {@code EventSource} cannot set headers), else the
 * {@code herald_token} cookie. Empty values count as absent, except an {@code Authorization: Bearer}
 * header without credentials, which is a malformed token.
 */
public final class RequestTokens {

    public static final String QUERY_PARAMETER = "access_token";
    public static final String COOKIE = "herald_token";
    private static final String BEARER = "bearer";

    private RequestTokens() {
    }

    /** Where a token was found: a cookie is sent by the browser on its own, and so needs a CSRF guard. */
    public enum Source { HEADER, QUERY, COOKIE }

    /** A token and where it came from. */
    public record Found(String token, Source source) {
    }

    public static Optional<String> find(HttpServletRequest request) {
        return locate(request).map(Found::token);
    }

    public static Optional<Found> locate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && isBearer(authorization)) {
            String token = authorization.substring(BEARER.length()).strip();
            if (token.isEmpty()) {
                throw new AuthenticationException(
                        new AuthenticationFailure.MalformedToken("the Authorization header has no bearer token"));
            }
            return Optional.of(new Found(token, Source.HEADER));
        }
        String fromQuery = queryParameter(request);
        if (fromQuery != null && !fromQuery.isBlank()) {
            return Optional.of(new Found(fromQuery.strip(), Source.QUERY));
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                    return Optional.of(new Found(cookie.getValue().strip(), Source.COOKIE));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isBearer(String authorization) {
        return authorization.length() >= BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)
                && (authorization.length() == BEARER.length() || Character.isWhitespace(authorization.charAt(BEARER.length())));
    }

    /** Only the query string counts: a form body is no place for a token of a GET stream. */
    private static String queryParameter(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || !query.contains(QUERY_PARAMETER)) {
            return null;
        }
        return request.getParameter(QUERY_PARAMETER);
    }
}
