package dev.herald.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The identity of the request's Spring Security {@link Authentication}, as the application's
 * {@link HeraldIdentityResolver} maps it. The security context is the request thread's, filled by
 * the application's filter chain before Herald's controller runs. A session has no expiry Herald
 * could know of: such streams end at {@code herald.connection.max-lifetime} and reconnect, which is
 * when a logged-out session is noticed.
 */
public final class SecurityContextIdentity implements ApplicationIdentity {

    private final HeraldIdentityResolver resolver;

    public SecurityContextIdentity(HeraldIdentityResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Optional<HeraldPrincipal> current(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return resolver.resolve(authentication)
                .map(identity -> new HeraldPrincipal(identity.user(), identity.grants(), Optional.empty()));
    }
}
