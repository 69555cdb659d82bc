package dev.herald.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Decides who sent a request. A token that is present is always verified, and a bad one is always
 * refused: never a silent fall-back to anonymous, which would hide an expired token from its client.
 */
public final class Authenticator {

    private final TokenVerifier verifier;
    private final boolean anonymousSubscribers;

    public Authenticator(TokenVerifier verifier, boolean anonymousSubscribers) {
        this.verifier = verifier;
        this.anonymousSubscribers = anonymousSubscribers;
    }

    /** For subscribing: anonymous callers too, when {@code herald.security.anonymous=true}. */
    public Caller subscriber(HttpServletRequest request) {
        Optional<String> token = RequestTokens.find(request);
        if (token.isEmpty()) {
            if (anonymousSubscribers) {
                return Caller.Anonymous.INSTANCE;
            }
            throw new AuthenticationException(new AuthenticationFailure.NoToken());
        }
        return verifier.verify(token.get());
    }

    /** For publishing: always a token. */
    public HeraldPrincipal publisher(HttpServletRequest request) {
        String token = RequestTokens.find(request)
                .orElseThrow(() -> new AuthenticationException(new AuthenticationFailure.NoToken()));
        return verifier.verify(token);
    }
}
