package dev.herald.mercure.auth;

import dev.herald.mercure.web.UrlEncodedForm;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A token as a request presents it, and where it was found. The protocol's order: the
 * {@code Authorization} header wins, then the {@code authorization} query parameter, then the
 * {@code mercureAuthorization} cookie; the others are ignored when an earlier one is present.
 *
 * @param token  the compact JWS
 * @param source where it came from: a cookie on a {@code POST} needs the Origin check
 */
public record Credential(String token, Source source) {

    public static final String QUERY_PARAMETER = "authorization";
    public static final String COOKIE = "mercureAuthorization";
    private static final String BEARER = "bearer ";

    public enum Source { HEADER, QUERY, COOKIE }

    public Credential {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Finds the request's token.
     *
     * @param query the request's query string, parsed (never the body of a {@code POST})
     * @throws MercureAuthenticationException when an {@code Authorization} header is there but is no bearer token
     */
    public static Optional<Credential> find(HttpServletRequest request, UrlEncodedForm query) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || authorization.substring(BEARER.length()).isBlank()) {
                throw new MercureAuthenticationException(new AuthFailure.Malformed(
                        "the Authorization header must read 'Bearer <token>'"));
            }
            return Optional.of(new Credential(authorization.substring(BEARER.length()).strip(), Source.HEADER));
        }
        Optional<String> fromQuery = query.first(QUERY_PARAMETER).filter(value -> !value.isBlank());
        if (fromQuery.isPresent()) {
            return Optional.of(new Credential(fromQuery.get().strip(), Source.QUERY));
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                    return Optional.of(new Credential(cookie.getValue().strip(), Source.COOKIE));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Credential[" + source.name().toLowerCase(Locale.ROOT) + "]";
    }
}
