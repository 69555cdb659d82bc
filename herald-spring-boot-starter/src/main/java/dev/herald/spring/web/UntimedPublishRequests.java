package dev.herald.spring.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves {@code POST /api/events} out of {@code http.server.requests} when
 * {@code herald.publish.request-metrics=false}: the observation's start and stop (a long-task timer,
 * a timer and their tags) are about a sixth of the server's CPU per publish (docs/scale.md §10). Every
 * other request is observed as before.
 */
final class UntimedPublishRequests implements ObservationPredicate {

    static final String OBSERVATION = "http.server.requests";

    @Override
    public boolean test(String name, Observation.Context context) {
        return !(OBSERVATION.equals(name)
                && context instanceof ServerRequestObservationContext request
                && HeraldPaths.isPublishRequest(request.getCarrier()));
    }
}
