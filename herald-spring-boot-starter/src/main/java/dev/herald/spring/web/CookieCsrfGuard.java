package dev.herald.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A browser sends the {@code herald_token} cookie with any request to the hub, also one that a
 * foreign page makes it send: so a publish authenticated by that cookie must come from a trusted
 * origin. The {@code Origin} header says where (browsers send it on every POST); lacking it, the
 * {@code Referer}'s origin; lacking both, the request is refused, since a browser that hides both
 * cannot be told apart from a forged request. A {@code *} in the allowed origins never counts here.
 */
final class CookieCsrfGuard {

    private final OriginPolicy origins;

    CookieCsrfGuard(OriginPolicy origins) {
        this.origins = origins;
    }

    /** @throws ApiProblemException (403) when the request's origin is not trusted or unknown */
    void check(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String source = "Origin";
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            origin = request.getHeader(HttpHeaders.REFERER);
            source = "Referer";
        }
        if (origin == null || origin.isBlank()) {
            throw new ApiProblemException(HttpStatus.FORBIDDEN, "cookie-authenticated publish without an Origin or Referer"
                    + " header refused (CSRF guard): send the token in the Authorization header instead, or from a page"
                    + " whose origin is in herald.cors.allowed-origins");
        }
        if (!origins.trusted(origin, request)) {
            throw new ApiProblemException(HttpStatus.FORBIDDEN, "cookie-authenticated publish from " + source + " '"
                    + SubscribeRequests.printable(origin) + "' refused (CSRF guard): that origin is not in"
                    + " herald.cors.allowed-origins");
        }
    }
}
