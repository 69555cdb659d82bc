package dev.herald.spring.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.event.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs Herald tokens with the hub's key, for applications that hand tokens to their users (and for
 * the demo mode of herald-server). Thread-safe.
 */
public final class HeraldTokenIssuer {

    private final MACSigner signer;
    private final Clock clock;

    public HeraldTokenIssuer(HeraldSigningKey key, Clock clock) {
        try {
            this.signer = new MACSigner(key.bytes());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 key: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** A token for {@code user} with these grants, valid from now for {@code validFor}. */
    public String issue(UserId user, TokenGrants grants, Duration validFor) {
        return issue(user, grants, clock.instant().plus(validFor));
    }

    /** A token for {@code user} with these grants that expires at {@code expiresAt} (whole seconds). */
    public String issue(UserId user, TokenGrants grants, Instant expiresAt) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .claim(TokenGrants.CLAIM, grants.toClaim())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
        return jwt.serialize();
    }
}
