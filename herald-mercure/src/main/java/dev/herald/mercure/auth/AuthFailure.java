package dev.herald.mercure.auth;

import java.time.Instant;

/**
 * Why a Mercure request could not be authenticated (a 401). The description goes to the client, in
 * the problem's {@code detail} and the {@code WWW-Authenticate} challenge, so it says what to fix
 * and never echoes the token.
 */
public sealed interface AuthFailure {

    String description();

    /** No token where one is needed: RFC 6750 answers with a bare challenge. */
    record NoToken(Role role) implements AuthFailure {
        @Override
        public String description() {
            return "no " + role.noun() + " token: send a JWS as 'Authorization: Bearer <token>', as the"
                    + " 'authorization' query parameter or as the 'mercureAuthorization' cookie";
        }
    }

    record Malformed(String reason) implements AuthFailure {
        @Override
        public String description() {
            return "malformed token: " + reason;
        }
    }

    record BadSignature(Role role) implements AuthFailure {
        @Override
        public String description() {
            return "bad signature: the token was not signed with the key this hub expects for " + role.noun() + "s";
        }
    }

    record Expired(Instant expiredAt) implements AuthFailure {
        @Override
        public String description() {
            return "token expired at " + expiredAt + ": get a fresh token";
        }
    }

    record NotYetValid(Instant validFrom) implements AuthFailure {
        @Override
        public String description() {
            return "token not valid before " + validFrom;
        }
    }
}
