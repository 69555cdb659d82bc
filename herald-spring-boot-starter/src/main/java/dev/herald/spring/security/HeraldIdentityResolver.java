package dev.herald.spring.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * The application's say on who its logged-in user is, for subscribers without a Herald token: with
 * a bean of this type, a request that Spring Security has authenticated (session login, OAuth2
 * login, ...) subscribes as the identity returned here. Called only for authenticated, non-anonymous
 * users and only when the request carries no token; empty means "not a Herald user" (the request is
 * then treated as having no token). For example:
 *
 * <pre>{@code
 * @Bean
 * HeraldIdentityResolver heraldIdentity() {
 *     return authentication -> Optional.of(HeraldIdentity.of(authentication.getName(), "teams/{team}"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HeraldIdentityResolver {

    Optional<HeraldIdentity> resolve(Authentication authentication);
}
