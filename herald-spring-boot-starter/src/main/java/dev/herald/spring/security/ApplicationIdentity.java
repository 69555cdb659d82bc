package dev.herald.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who the surrounding application says a request's user is, for subscribers that come without a
 * Herald token (a session login, say). Asked only when the request carries no token.
 */
@FunctionalInterface
public interface ApplicationIdentity {

    ApplicationIdentity NONE = request -> Optional.empty();

    Optional<HeraldPrincipal> current(HttpServletRequest request);
}
