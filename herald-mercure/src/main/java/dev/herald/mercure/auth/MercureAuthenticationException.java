package dev.herald.mercure.auth;

import dev.herald.spring.web.BearerChallenge;

/** A Mercure request without a usable token where one is needed: answered with 401. */
public final class MercureAuthenticationException extends RuntimeException {

    private static final String REALM = "mercure";

    private final transient AuthFailure failure;

    public MercureAuthenticationException(AuthFailure failure) {
        super(failure.description(), null, false, false);
        this.failure = failure;
    }

    public AuthFailure failure() {
        return failure;
    }

    /** The {@code WWW-Authenticate} value, as RFC 6750 section 3 spells it, in the realm "mercure". */
    public String challenge() {
        if (failure instanceof AuthFailure.NoToken) {
            return BearerChallenge.noToken(REALM);
        }
        return BearerChallenge.invalidToken(REALM, failure.description());
    }
}
