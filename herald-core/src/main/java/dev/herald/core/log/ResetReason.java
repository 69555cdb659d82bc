package dev.herald.core.log;

/** Why a log cannot replay after an id: the client must reload its state. */
public enum ResetReason {
    /** The id was issued by this log, but retention has dropped the events after it. */
    EXPIRED("the events after this id are no longer retained"),
    /** The id was issued by an earlier life of the log (a restart, or a store that lost its data). */
    OTHER_EPOCH("this id belongs to an earlier history of the hub"),
    /** The log never issued this id, or forgot it. */
    UNKNOWN("this id is unknown to the hub");

    private final String description;

    ResetReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The short code sent to clients in the {@code herald.reset} event. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
