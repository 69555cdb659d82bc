package dev.herald.spring.web;

/** The paths of the Herald HTTP API (docs/api.md). */
public final class HeraldPaths {

    public static final String SUBSCRIBE = "/api/subscribe";
    public static final String EVENTS = "/api/events";
    public static final String SUBSCRIPTIONS = "/api/subscriptions";

    private HeraldPaths() {
    }

    static boolean isApiPath(String path) {
        return SUBSCRIBE.equals(path) || EVENTS.equals(path) || SUBSCRIPTIONS.equals(path);
    }
}
