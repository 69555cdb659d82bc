package dev.herald.spring.web;

import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.hub.Hub;
import dev.herald.spring.publish.HeraldEvent;
import dev.herald.spring.publish.PayloadEncoder;
import dev.herald.spring.security.HeraldPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /api/events}: publishes one event. Answers {@code 201} with the event's id once the
 * log holds it (live streams get it right after). Checks in the order a client fixes things: the
 * token (401; a cookie token first passes the CSRF guard), the publisher's rate (429), the body (415,
 * 413, 400), the right to publish to every target topic (403), then the log (409 duplicate id, 503
 * unavailable).
 *
 * <p>A plain servlet rather than a Spring MVC handler, like {@link SubscribeServlet}: a publish then
 * costs no handler lookup, argument resolution or message-converter negotiation (docs/scale.md §10).
 * The application's filters (CORS, query length, Spring Security, observation) run before it as
 * before; other methods get the problems and headers Spring MVC gave them ({@link PublishEndpointServlet}).
 */
final class PublishServlet extends PublishEndpointServlet {

    PublishServlet(Hub hub, PublishGate gate, PublishRequestParser parser, PayloadEncoder payloads, int maxBodyBytes,
                   ProblemResponses problems) {
        super(hub, gate, parser, payloads, maxBodyBytes, problems);
    }

    @Override
    protected void publish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HeraldPaths.tagObservation(request, HeraldPaths.EVENTS);
        try {
            HeraldPrincipal publisher = gate.admit(request);
            HeraldEvent event = parser.parse(JsonBody.read(request, maxBodyBytes));
            Publication publication = event.toPublication(payloads.encode(event.data()));
            PublishGate.requireAllowed(publisher, publication);
            Event stored = hub.publish(publication);
            CreatedResponse.write(response, CreatedResponse.id(stored.id()));
        } catch (RuntimeException e) {
            refuse(refusal(e, request, "the event was not stored"), request, response);
        }
    }
}
