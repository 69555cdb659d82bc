package dev.herald.spring.security;

import java.time.Instant;
import java.util.List;

/**
 * Why a request could not be authenticated. The description is sent to the client (problem
 * {@code detail} and {@code WWW-Authenticate} {@code error_description}), so it says what to fix and
 * never echoes the token or any key material.
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

    /** The token names a {@code kid} that the key set does not hold, even after refetching it. */
    record UnknownKey(String keyId) implements AuthenticationFailure {
        @Override
        public String description() {
            return "unknown key: no key with kid '" + keyId + "' in this hub's key set (a rotated-out key, or a token"
                    + " of another issuer)";
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

    record WrongIssuer(String actual, String expected) implements AuthenticationFailure {
        @Override
        public String description() {
            return "wrong issuer: the token's iss is " + (actual == null ? "missing" : "'" + actual + "'")
                    + ", this hub accepts only '" + expected + "'";
        }
    }

    record WrongAudience(List<String> actual, List<String> expected) implements AuthenticationFailure {
        @Override
        public String description() {
            return "wrong audience: the token's aud is " + (actual.isEmpty() ? "missing" : actual)
                    + ", this hub accepts " + expected;
        }
    }

    /**
     * The keys could not be fetched (JWKS URL unreachable): not the client's fault, answered with
     * 503 rather than 401 so that a client retries instead of discarding a good token.
     */
    record KeysUnavailable(String reason) implements AuthenticationFailure {
        @Override
        public String description() {
            return "the hub cannot fetch its verification keys right now (" + reason + "); retry shortly";
        }
    }
}
