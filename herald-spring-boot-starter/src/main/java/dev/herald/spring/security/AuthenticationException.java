package dev.herald.spring.security;

/** A request without a valid token where one is needed: answered with 401. */
public final class AuthenticationException extends RuntimeException {

    private final transient AuthenticationFailure failure;

    public AuthenticationException(AuthenticationFailure failure) {
        super(failure.description(), null, false, false);
        this.failure = failure;
    }

    public AuthenticationFailure failure() {
        return failure;
    }
}
