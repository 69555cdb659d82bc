package dev.herald.mercure.auth;

import dev.herald.spring.web.ApiProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CSRF defence of cookie-authorized publishing: a browser sends the {@code mercureAuthorization}
 * cookie with any cross-site {@code POST}, so such a publish is accepted only from an origin the hub
 * trusts, read from {@code Origin} or else {@code Referer}; a request with neither is refused, as
 * the protocol's security considerations ask. Trusted: the hub's own origin and the configured CORS
 * origins ({@code *} trusts any).
 */
public final class CookieOriginPolicy {

    private final Set<String> allowed;
    private final boolean any;

    public CookieOriginPolicy(List<String> corsOrigins) {
        this.any = corsOrigins.contains("*");
        this.allowed = corsOrigins.stream().map(CookieOriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws ApiProblemException (403) when the request may not publish with its cookie */
    public void check(HttpServletRequest request) {
        Optional<String> origin = originOf(request);
        if (origin.isEmpty()) {
            throw ApiProblemException.forbidden("publishing with the 'mercureAuthorization' cookie needs an Origin or Referer"
                    + " header (CSRF protection); send the token in the Authorization header instead");
        }
        if (any || allowed.contains(origin.get()) || origin.get().equals(ownOrigin(request))) {
            return;
        }
        throw ApiProblemException.forbidden("the origin '" + origin.get() + "' may not publish with the 'mercureAuthorization'"
                + " cookie: add it to herald.mercure.cors-origins, or send the token in the Authorization header");
    }

    private static Optional<String> originOf(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.isBlank() && !origin.equals("null")) {
            return Optional.of(normalize(origin));
        }
        String referer = request.getHeader("Referer");
        if (referer == null || referer.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(referer.strip());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(normalize(uri.getScheme() + "://" + uri.getRawAuthority()));
        } catch (IllegalArgumentException unparsable) {
            return Optional.empty();
        }
    }

    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return normalize(scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port));
    }

    /** Origins compare case-insensitively and without a trailing slash; default ports are implied. */
    private static String normalize(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.startsWith("http://") && value.endsWith(":80")) {
            value = value.substring(0, value.length() - 3);
        } else if (value.startsWith("https://") && value.endsWith(":443")) {
            value = value.substring(0, value.length() - 4);
        }
        return value;
    }
}
