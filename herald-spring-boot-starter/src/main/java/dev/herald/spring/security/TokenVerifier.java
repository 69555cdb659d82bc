package dev.herald.spring.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.event.UserId;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Verifies Herald tokens: compact JWS signed with one of {@link VerificationKeys}. Nimbus does the
 * parsing, key selection (and JWKS fetching) and the signature; this class only tells the failures
 * apart, so that a client learns whether its token is malformed, forged, signed with an unknown key,
 * expired or meant for someone else. The signature is checked before any claim is read, so
 * "expired" is only ever said of a genuine token. Thread-safe.
 */
public final class TokenVerifier {

    private final VerificationKeys keys;
    private final JWSVerificationKeySelector<com.nimbusds.jose.proc.SecurityContext> selector;
    private final TokenPolicy policy;
    private final Clock clock;
    private final VerifiedTokens verified;

    public TokenVerifier(VerificationKeys keys, TokenPolicy policy, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.selector = new JWSVerificationKeySelector<>(keys.algorithms(), keys.source());
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verified = new VerifiedTokens(keys);
    }

    /** HS256 with this key, no issuer or audience check and no clock leeway. */
    public TokenVerifier(HeraldSigningKey key, Clock clock) {
        this(VerificationKeys.hmac(key), TokenPolicy.STRICT, clock);
    }

    public VerificationKeys keys() {
        return keys;
    }

    /**
     * @throws AuthenticationException saying what is wrong with the token
     */
    public HeraldPrincipal verify(String token) {
        Optional<HeraldPrincipal> known = verified.find(token, clock.instant());
        if (known.isPresent()) {
            return known.get();
        }
        HeraldPrincipal principal = verifyAfresh(token);
        verified.remember(token, principal);
        return principal;
    }

    private HeraldPrincipal verifyAfresh(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw failure(new AuthenticationFailure.MalformedToken("not a signed JWT (" + e.getMessage() + ")"));
        }
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!keys.algorithms().contains(algorithm)) {
            throw failure(new AuthenticationFailure.MalformedToken("algorithm " + algorithm
                    + " is not accepted; tokens must be signed with " + String.join(" or ", names())));
        }
        List<Key> candidates;
        try {
            // a single configured key verifies whatever kid the issuer put in the header
            JWSHeader selecting = keys.byKeyId() ? header : new JWSHeader.Builder(header).keyID(null).build();
            candidates = selector.selectJWSKeys(selecting, null);
        } catch (RateLimitReachedException e) {
            // the refetch for this unknown kid was refused by the rate limit: the key set just fetched lacks it
            throw failure(new AuthenticationFailure.UnknownKey(printable(String.valueOf(header.getKeyID()))));
        } catch (KeySourceException e) {
            throw failure(new AuthenticationFailure.KeysUnavailable(
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
        if (candidates.isEmpty()) {
            if (header.getKeyID() != null) {
                throw failure(new AuthenticationFailure.UnknownKey(printable(header.getKeyID())));
            }
            throw failure(new AuthenticationFailure.BadSignature());
        }
        if (!verifiedByAny(jwt, candidates)) {
            throw failure(new AuthenticationFailure.BadSignature());
        }
        return principal(claims(jwt));
    }

    private static boolean verifiedByAny(SignedJWT jwt, List<Key> candidates) {
        DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
        for (Key key : candidates) {
            try {
                JWSVerifier verifier = factory.createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key that cannot check this header is just not the signer
            }
        }
        return false;
    }

    private List<String> names() {
        return new TreeSet<>(keys.algorithms().stream().map(JWSAlgorithm::getName).toList()).stream().toList();
    }

    private HeraldPrincipal principal(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Optional<Instant> expiresAt = instant(claims, "exp");
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get().plus(policy.clockSkew()))) {
            throw failure(new AuthenticationFailure.TokenExpired(expiresAt.get()));
        }
        Optional<Instant> notBefore = instant(claims, "nbf");
        if (notBefore.isPresent() && now.plus(policy.clockSkew()).isBefore(notBefore.get())) {
            throw failure(new AuthenticationFailure.TokenNotYetValid(notBefore.get()));
        }
        checkIssuer(claims);
        checkAudience(claims);
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
        // a stream may live as long as the token is accepted: exp plus the leeway
        return new HeraldPrincipal(user, TokenGrants.fromClaim(claims.getClaim(TokenGrants.CLAIM)),
                expiresAt.map(exp -> exp.plus(policy.clockSkew())));
    }

    private void checkIssuer(JWTClaimsSet claims) {
        if (policy.issuer().isEmpty()) {
            return;
        }
        String actual;
        try {
            actual = claims.getStringClaim("iss");
        } catch (ParseException e) {
            throw failure(new AuthenticationFailure.MalformedToken("claim 'iss' must be a string"));
        }
        if (!policy.issuer().get().equals(actual)) {
            throw failure(new AuthenticationFailure.WrongIssuer(actual == null ? null : printable(actual), policy.issuer().get()));
        }
    }

    private void checkAudience(JWTClaimsSet claims) {
        if (policy.audiences().isEmpty()) {
            return;
        }
        List<String> actual;
        try {
            actual = Optional.ofNullable(claims.getStringListClaim("aud")).orElse(List.of());
        } catch (ParseException e) {
            throw failure(new AuthenticationFailure.MalformedToken("claim 'aud' must be a string or an array of strings"));
        }
        if (actual.stream().noneMatch(policy.audiences()::contains)) {
            throw failure(new AuthenticationFailure.WrongAudience(
                    actual.stream().limit(5).map(TokenVerifier::printable).toList(), policy.audiences()));
        }
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

    /** Claims come from the client: echo them shortened and without control characters. */
    private static String printable(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static AuthenticationException failure(AuthenticationFailure failure) {
        return new AuthenticationException(failure);
    }
}
