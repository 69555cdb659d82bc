package dev.herald.server;

import dev.herald.core.event.UserId;
import dev.herald.spring.security.HeraldSigningKey;
import dev.herald.spring.security.HeraldTokenIssuer;
import dev.herald.spring.security.TokenGrants;
import java.time.Clock;
import java.time.Duration;

/** Tokens signed with {@link #SECRET}, the key the operations tests configure. */
final class ServerTokens {

    static final String SECRET = "operations-tests-secret-of-32-bytes-or-more";
    private static final HeraldTokenIssuer ISSUER = new HeraldTokenIssuer(HeraldSigningKey.fromSecret(SECRET), Clock.systemUTC());

    private ServerTokens() {
    }

    static String token(String user, TokenGrants grants, Duration validFor) {
        return ISSUER.issue(UserId.of(user), grants, validFor);
    }

    static String publisher() {
        return token("publisher", TokenGrants.NONE.withPublish("*"), Duration.ofHours(1));
    }

    static String subscriber(String user, String... subscribeGrants) {
        return token(user, TokenGrants.NONE.withSubscribe(subscribeGrants), Duration.ofHours(1));
    }
}
