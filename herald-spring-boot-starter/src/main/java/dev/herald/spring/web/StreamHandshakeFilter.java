package dev.herald.spring.web;

import io.micrometer.observation.Observation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Observes the handshake of a stream ({@code GET} or {@code HEAD /api/subscribe}) as
 * {@code http.server.requests}: from here, ahead of the observation filter, to the moment the rest of
 * the chain returns, the stream open (200, its head sent) or refused, by the servlet or by any filter
 * behind this one (the application's security, the query length, ...). The observation is then let go:
 * a live stream keeps nothing of it, and {@link UnobservedStreams} keeps the observation filter from
 * observing the stream for its whole life, which held about 1.1 KB per stream (docs/scale.md §17) and
 * recorded only the stream's lifetime. Live streams are {@code herald.connections}.
 */
final class StreamHandshakeFilter extends OncePerRequestFilter implements Ordered {

    private final StreamHandshakes handshakes;

    StreamHandshakeFilter(StreamHandshakes handshakes) {
        this.handshakes = handshakes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HeraldPaths.isStreamRequest(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Observation handshake = handshakes.start(request, response);
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            handshake.error(e);
            throw e;
        } finally {
            handshake.stop();
            request.removeAttribute(StreamHandshakes.OBSERVED);
        }
    }

    /** Ahead of the observation filter ({@code HIGHEST_PRECEDENCE + 1}), so that its observation sees the mark. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
