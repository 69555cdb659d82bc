package dev.herald.spring.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * Observes the handshake of {@code GET /api/subscribe} as {@code http.server.requests}, with the
 * application's convention and handlers (so the same series and tags as every other request): from
 * the servlet's start to the stream's head, or to the refusal. A refused subscribe is recorded with
 * its 4xx, an accepted one with its 200 once the stream is open, and the observation is then let go:
 * a live stream keeps nothing of it ({@link UnobservedStreams} keeps the filter from observing it
 * for its whole life). Live streams are counted by {@code herald.connections}.
 */
final class StreamHandshakes {

    /** Request attribute marking the observation as this class's own, for {@link UnobservedStreams}. */
    static final String OWN = StreamHandshakes.class.getName() + ".OWN";

    private final ObservationRegistry registry;
    private final ServerRequestObservationConvention convention;

    StreamHandshakes(ObservationRegistry registry, ServerRequestObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    /** Handshakes observed by nobody, where no registry is configured. */
    static StreamHandshakes none() {
        return new StreamHandshakes(ObservationRegistry.NOOP, new DefaultServerRequestObservationConvention());
    }

    /** Starts the handshake's observation; the caller stops it once the stream is open or refused. */
    Observation start(HttpServletRequest request, HttpServletResponse response) {
        if (registry.isNoop()) {
            return Observation.NOOP;
        }
        request.setAttribute(OWN, Boolean.TRUE);
        try {
            ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
            context.setPathPattern(HeraldPaths.SUBSCRIBE);
            return ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
                    .observation(convention, convention, () -> context, registry)
                    .start();
        } finally {
            // only the predicate, at the observation's creation, reads it
            request.removeAttribute(OWN);
        }
    }
}
