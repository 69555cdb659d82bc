package dev.herald.spring.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps the observation filter from observing a stream ({@code GET /api/subscribe}) for its whole
 * life: {@link StreamHandshakes} observes its handshake instead. A stream the filter observed would
 * hold its observation (the context, its maps, two timer samples: about 1.1 KB, docs/scale.md §7)
 * until it ends, and would record its lifetime, which says nothing about the hub.
 */
final class UnobservedStreams implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext request
                && HeraldPaths.isStreamRequest(request.getCarrier())
                && request.getCarrier().getAttribute(StreamHandshakes.OWN) == null);
    }
}
