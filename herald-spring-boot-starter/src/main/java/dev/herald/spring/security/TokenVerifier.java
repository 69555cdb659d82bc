package dev.herald.spring.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.event.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Verifies Herald tokens: compact JWS, HS256, signed with {@link HeraldSigningKey}. Nimbus does the
 * parsing and the MAC; this class only tells the failures apart, so that a client learns whether its
 * token is malformed, forged or merely expired. The signature is checked before any claim is read,
 * so "expired" is only ever said of a genuine token. Thread-safe.
 */
public final class TokenVerifier {

    private final MACVerifier verifier;
    private final Clock clock;

    public TokenVerifier(HeraldSigningKey key, Clock clock) {
        try {
            this.verifier = new MACVerifier(key.bytes());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 key: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /**
     * @throws AuthenticationException saying what is wrong with the token
     */
    public HeraldPrincipal verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw failure(new AuthenticationFailure.MalformedToken("not a signed JWT (" + e.getMessage() + ")"));
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.HS256.equals(algorithm)) {
            throw failure(new AuthenticationFailure.MalformedToken(
                    "algorithm " + algorithm + " is not accepted; tokens must be signed with HS256"));
        }
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException e) {
            throw failure(new AuthenticationFailure.MalformedToken("the signature cannot be checked (" + e.getMessage() + ")"));
        }
        if (!valid) {
            throw failure(new AuthenticationFailure.BadSignature());
        }
        return principal(claims(jwt));
    }

    private HeraldPrincipal principal(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Optional<Instant> expiresAt = instant(claims, "exp");
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            throw failure(new AuthenticationFailure.TokenExpired(expiresAt.get()));
        }
        Optional<Instant> notBefore = instant(claims, "nbf");
        if (notBefore.isPresent() && now.isBefore(notBefore.get())) {
            throw failure(new AuthenticationFailure.TokenNotYetValid(notBefore.get()));
        }
        String subject;
        try {
            subject = claims.getStringClaim("sub");
        } catch (ParseException e) {
            throw failure(new AuthenticationFailure.MalformedToken("claim 'sub' must be a string"));
        }
        if (subject == null) {
            throw failure(new AuthenticationFailure.MalformedToken("no 'sub' claim: it names the user"));
        }
        UserId user;
        try {
            user = UserId.of(subject);
        } catch (IllegalArgumentException e) {
            throw failure(new AuthenticationFailure.MalformedToken("claim 'sub': " + e.getMessage()));
        }
        return new HeraldPrincipal(user, TokenGrants.fromClaim(claims.getClaim(TokenGrants.CLAIM)), expiresAt);
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw failure(new AuthenticationFailure.MalformedToken("the payload is not a JSON object of claims"));
        }
    }

    private static Optional<Instant> instant(JWTClaimsSet claims, String name) {
        try {
            Date date = claims.getDateClaim(name);
            return Optional.ofNullable(date).map(Date::toInstant);
        } catch (ParseException e) {
            throw failure(new AuthenticationFailure.MalformedToken("claim '" + name + "' must be a number of seconds"));
        }
    }

    private static AuthenticationException failure(AuthenticationFailure failure) {
        return new AuthenticationException(failure);
    }
}
