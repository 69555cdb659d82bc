package dev.herald.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the API: those of {@code herald.cors.allowed-origins}, and always
 * the hub's own origin (its demo page, an application serving pages and hub together). A {@code *}
 * allows reading from any origin, but never counts for the CSRF guard, and never with credentials.
 */
final class OriginPolicy {

    private final Set<String> allowed;
    private final boolean anyOrigin;

    OriginPolicy(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.allowed = allowedOrigins.stream().filter(o -> !"*".equals(o)).map(OriginPolicy::normalize)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** Listed explicitly, or the hub's own origin: may send credentials (cookies, Authorization). */
    boolean trusted(String origin, HttpServletRequest request) {
        Optional<String> normalized = normalize(origin);
        return normalized.isPresent() && (allowed.contains(normalized.get()) || sameOrigin(normalized.get(), request));
    }

    /** Allowed to read at all: trusted, or any origin with {@code *}. */
    boolean readable(String origin, HttpServletRequest request) {
        return anyOrigin || trusted(origin, request);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        return normalize(request.getScheme() + "://" + host).map(origin::equals).orElse(false);
    }

    /** scheme://host:port, lower case, with the scheme's default port spelled out; empty when not an origin. */
    static Optional<String> normalize(String origin) {
        if (origin == null || origin.length() > 512) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
