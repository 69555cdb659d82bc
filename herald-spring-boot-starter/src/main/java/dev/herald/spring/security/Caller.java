package dev.herald.spring.security;

/** Who sent a request: a verified token's holder, or nobody (where anonymous access is allowed). */
public sealed interface Caller permits HeraldPrincipal, Caller.Anonymous {

    /** A request without a token, accepted because {@code herald.security.anonymous=true}. */
    enum Anonymous implements Caller {
        INSTANCE
    }
}
