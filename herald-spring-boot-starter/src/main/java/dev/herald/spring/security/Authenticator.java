package dev.herald.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides who sent a request. A token that is present is always verified, and a bad one is always
 * refused: never a silent fall-back to anonymous or to the application's session, which would hide
 * an expired token from its client. Subscribers and publishers may have their own keys.
 */
public final class Authenticator {

    private final TokenVerifier subscribers;
    private final TokenVerifier publishers;
    private final boolean anonymousSubscribers;
    private final ApplicationIdentity application;

    public Authenticator(TokenVerifier subscribers, TokenVerifier publishers, boolean anonymousSubscribers,
                         ApplicationIdentity application) {
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.publishers = Objects.requireNonNull(publishers, "publishers");
        this.anonymousSubscribers = anonymousSubscribers;
        this.application = Objects.requireNonNull(application, "application");
    }

    public Authenticator(TokenVerifier verifier, boolean anonymousSubscribers) {
        this(verifier, verifier, anonymousSubscribers, ApplicationIdentity.NONE);
    }

    /**
     * For subscribing: a token, else the application's own login (see {@link ApplicationIdentity}),
     * else anonymous when {@code herald.security.anonymous=true}.
     */
    public Caller subscriber(HttpServletRequest request) {
        Optional<String> token = RequestTokens.find(request);
        if (token.isPresent()) {
            return subscribers.verify(token.get());
        }
        Optional<HeraldPrincipal> fromApplication = application.current(request);
        if (fromApplication.isPresent()) {
            return fromApplication.get();
        }
        if (anonymousSubscribers) {
            return Caller.Anonymous.INSTANCE;
        }
        throw new AuthenticationException(new AuthenticationFailure.NoToken());
    }

    /** For publishing: always a token. */
    public HeraldPrincipal publisher(HttpServletRequest request) {
        String token = RequestTokens.find(request)
                .orElseThrow(() -> new AuthenticationException(new AuthenticationFailure.NoToken()));
        return publishers.verify(token);
    }
}
