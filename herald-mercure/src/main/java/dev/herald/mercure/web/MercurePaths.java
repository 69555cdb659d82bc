package dev.herald.mercure.web;

/** Where the protocol lives: the well-known hub URL (RFC 8615) and the subscriptions API under it. */
public final class MercurePaths {

    public static final String HUB = "/.well-known/mercure";
    public static final String SUBSCRIPTIONS = HUB + "/subscriptions";

    private MercurePaths() {
    }

    /** Whether a path (without the context path) is the hub's or below it. */
    public static boolean isMercurePath(String path) {
        return path.equals(HUB) || path.startsWith(HUB + "/");
    }
}
