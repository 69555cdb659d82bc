package dev.herald.spring.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;

/**
 * Starts the observation of a stream's handshake ({@link StreamHandshakeFilter}) with the application's
 * registry and convention, so that the series and tags are those of every other request, and marks the
 * request as observed for {@link UnobservedStreams}.
 */
final class StreamHandshakes {

    /** Request attribute: this request's handshake is observed, the observation filter must not observe it too. */
    static final String OBSERVED = StreamHandshakes.class.getName() + ".OBSERVED";

    private final ObservationRegistry registry;
    private final ServerRequestObservationConvention convention;

    StreamHandshakes(ObservationRegistry registry, ServerRequestObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    /** Starts the handshake's observation; the caller stops it once the stream is open or refused. */
    Observation start(HttpServletRequest request, HttpServletResponse response) {
        if (registry.isNoop()) {
            return Observation.NOOP;
        }
        ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
        context.setPathPattern(HeraldPaths.SUBSCRIBE);
        Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
                .observation(convention, convention, () -> context, registry)
                .start();
        request.setAttribute(OBSERVED, Boolean.TRUE);
        return observation;
    }
}
