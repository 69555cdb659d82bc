package dev.herald.spring.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Keeps the observation filter from observing a stream whose handshake {@link StreamHandshakeFilter}
 * already observes: the filter would hold its observation (the context, its maps, two timer samples:
 * about 1.1 KB, docs/scale.md §17) for the stream's whole life and record that life as the request's
 * duration.
 */
final class UnobservedStreams implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getAttribute(StreamHandshakes.OBSERVED) != null);
    }
}
