package dev.herald.spring.security;

import dev.herald.core.event.UserId;
import java.util.Objects;

/**
 * Who a logged-in user of the surrounding application is to Herald: the user id (their personal
 * topic {@code users/<id>} and the {@code users} target of events) and what they may subscribe to
 * beyond it. The counterpart of a token's {@code sub} and {@code herald} claims.
 */
public record HeraldIdentity(UserId user, TokenGrants grants) {

    public HeraldIdentity {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(grants, "grants");
    }

    /** A user who may receive private events of these selectors (besides their own topic). */
    public static HeraldIdentity of(String user, String... subscribeSelectors) {
        return new HeraldIdentity(UserId.of(user), TokenGrants.NONE.withSubscribe(subscribeSelectors));
    }
}
