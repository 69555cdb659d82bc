package dev.herald.spring.security;

import java.time.Instant;

/**
 * Why a request could not be authenticated. The description is sent to the client (problem
 * {@code detail} and {@code WWW-Authenticate} {@code error_description}), so it says what to fix and
 * never echoes the token.
 */
public sealed interface AuthenticationFailure {

    String description();

    /** No token at all: RFC 6750 answers it with a bare challenge, without an error code. */
    record NoToken() implements AuthenticationFailure {
        @Override
        public String description() {
            return "no token: send it as 'Authorization: Bearer <token>', as the access_token query parameter"
                    + " or as the herald_token cookie";
        }
    }

    record MalformedToken(String reason) implements AuthenticationFailure {
        @Override
        public String description() {
            return "malformed token: " + reason;
        }
    }

    record BadSignature() implements AuthenticationFailure {
        @Override
        public String description() {
            return "bad signature: the token was not signed with this hub's key";
        }
    }

    record TokenExpired(Instant expiredAt) implements AuthenticationFailure {
        @Override
        public String description() {
            return "token expired at " + expiredAt + ": get a fresh token";
        }
    }

    record TokenNotYetValid(Instant validFrom) implements AuthenticationFailure {
        @Override
        public String description() {
            return "token not valid before " + validFrom;
        }
    }
}
