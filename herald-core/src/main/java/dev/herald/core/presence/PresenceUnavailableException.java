package dev.herald.core.presence;

/** A shared presence directory cannot be read now (its store is unreachable); asking again later may work. */
public final class PresenceUnavailableException extends RuntimeException {

    public PresenceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
