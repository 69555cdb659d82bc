package dev.herald.server.demo;

import dev.herald.core.event.UserId;
import dev.herald.spring.security.HeraldTokenIssuer;
import dev.herald.spring.security.TokenGrants;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The tokens of demo mode. A demo user may publish anywhere, so that the demo page's form works for
 * every target: acceptable only because demo mode is open by nature (anyone who reaches the server
 * can ask for any user's token) and binds to 127.0.0.1 by default.
 */
final class DemoTokens {

    static final Duration VALIDITY = Duration.ofHours(24);
    static final UserId PUBLISHER = UserId.of("publisher");

    /** A token as {@code /demo/token} answers it. */
    record DemoToken(String user, String token, Instant expiresAt) {
    }

    private final HeraldTokenIssuer issuer;

    DemoTokens(HeraldTokenIssuer issuer) {
        this.issuer = issuer;
    }

    DemoToken user(UserId user) {
        Instant expiresAt = Instant.now().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS); // as the exp claim holds it
        return new DemoToken(user.value(), issuer.issue(user, TokenGrants.NONE.withPublish("*"), expiresAt), expiresAt);
    }

    DemoToken publisher() {
        return user(PUBLISHER);
    }
}
