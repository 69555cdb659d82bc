package dev.herald.spring.web;

import org.springframework.web.filter.ServerHttpObservationFilter;

/** The paths of the Herald HTTP API (docs/api.md). */
public final class HeraldPaths {

    public static final String SUBSCRIBE = "/api/subscribe";
    public static final String EVENTS = "/api/events";
    public static final String EVENTS_BATCH = "/api/events/batch";
    public static final String SUBSCRIPTIONS = "/api/subscriptions";

    private HeraldPaths() {
    }

    static boolean isApiPath(String path) {
        return SUBSCRIBE.equals(path) || EVENTS.equals(path) || EVENTS_BATCH.equals(path) || SUBSCRIPTIONS.equals(path);
    }

    /**
     * Whether a request goes to {@link #SUBSCRIBE}, {@link #EVENTS} or {@link #EVENTS_BATCH} (path
     * parameters such as {@code ;x=y} ignored).
     */
    static boolean isHeraldEndpoint(jakarta.servlet.http.HttpServletRequest request) {
        String path = endpointPath(request);
        return SUBSCRIBE.equals(path) || EVENTS.equals(path) || EVENTS_BATCH.equals(path);
    }

    /** Whether a request is a {@code GET} or {@code HEAD} to {@link #SUBSCRIBE}: one that may open a stream. */
    static boolean isStreamRequest(jakarta.servlet.http.HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method)) && SUBSCRIBE.equals(endpointPath(request));
    }

    /** Whether a request is a {@code POST} to {@link #EVENTS} or {@link #EVENTS_BATCH}. */
    static boolean isPublishRequest(jakarta.servlet.http.HttpServletRequest request) {
        String path = endpointPath(request);
        return "POST".equals(request.getMethod()) && (EVENTS.equals(path) || EVENTS_BATCH.equals(path));
    }

    private static String endpointPath(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int parameters = path.indexOf(';');
        return parameters >= 0 ? path.substring(0, parameters) : path;
    }

    /**
     * Sets the {@code uri} tag of the request's {@code http.server.requests} observation, which a Spring
     * MVC handler mapping would have set, for the endpoints served by a plain servlet.
     */
    static void tagObservation(jakarta.servlet.http.HttpServletRequest request, String path) {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(path));
    }
}
