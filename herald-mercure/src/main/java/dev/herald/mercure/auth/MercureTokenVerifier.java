package dev.herald.mercure.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Verifies Mercure tokens for one role: compact JWS, HS256, signed with that role's key. Nimbus
 * parses and checks the MAC; this class tells the failures apart so that a client learns whether
 * its token is malformed, forged or merely expired. The signature is checked before any claim is
 * read. Unlike Herald's own tokens, a Mercure token needs no {@code sub}. Thread-safe.
 */
public final class MercureTokenVerifier {

    private final MACVerifier verifier;
    private final Role role;
    private final Clock clock;

    public MercureTokenVerifier(JwtKey key, Role role, Clock clock) {
        try {
            this.verifier = new MACVerifier(key.bytes());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 key: " + e.getMessage(), e);
        }
        this.role = role;
        this.clock = clock;
    }

    public Role role() {
        return role;
    }

    /** @throws MercureAuthenticationException saying what is wrong with the token */
    public MercureToken verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw failure(new AuthFailure.Malformed("not a signed JWT (" + e.getMessage() + ")"));
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.HS256.equals(algorithm)) {
            throw failure(new AuthFailure.Malformed("algorithm " + algorithm + " is not accepted; sign tokens with HS256"));
        }
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException e) {
            throw failure(new AuthFailure.Malformed("the signature cannot be checked (" + e.getMessage() + ")"));
        }
        if (!valid) {
            throw failure(new AuthFailure.BadSignature(role));
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw failure(new AuthFailure.Malformed("the payload is not a JSON object of claims"));
        }
        Instant now = clock.instant();
        Optional<Instant> expiresAt = instant(claims, "exp");
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            throw failure(new AuthFailure.Expired(expiresAt.get()));
        }
        Optional<Instant> notBefore = instant(claims, "nbf");
        if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
            throw failure(new AuthFailure.NotYetValid(notBefore.get()));
        }
        Object mercure = claims.getClaim(MercureClaims.CLAIM);
        if (mercure == null) {
            mercure = claims.getClaim(MercureClaims.NAMESPACED_CLAIM);
        }
        return new MercureToken(MercureClaims.fromClaim(mercure), expiresAt);
    }

    private static Optional<Instant> instant(JWTClaimsSet claims, String name) {
        try {
            Date date = claims.getDateClaim(name);
            return Optional.ofNullable(date).map(Date::toInstant);
        } catch (ParseException e) {
            throw failure(new AuthFailure.Malformed("claim '" + name + "' must be a number of seconds"));
        }
    }

    private static MercureAuthenticationException failure(AuthFailure failure) {
        return new MercureAuthenticationException(failure);
    }
}
