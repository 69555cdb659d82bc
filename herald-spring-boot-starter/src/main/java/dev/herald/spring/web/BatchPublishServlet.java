package dev.herald.spring.web;

import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.hub.Hub;
import dev.herald.core.log.PartialAppendException;
import dev.herald.spring.publish.HeraldEvent;
import dev.herald.spring.publish.PayloadEncoder;
import dev.herald.spring.security.HeraldPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/events/batch}: publishes several events with one request, {@code {"events": [...]}}
 * with each event as {@code POST /api/events} takes it. Answers {@code 201 {"ids": [...]}} once the log
 * holds them all, in the batch's order (the log waits for one sync or round trip for the batch where
 * it can: {@link dev.herald.core.log.EventLog#appendAll}).
 *
 * <p>Checks as the single publish does, in the order a client fixes things: the token (401), the body
 * (415, 413, 400, naming the event by its index), the publisher's rate, which counts events (429),
 * the right to publish to every target topic of every event (403). A batch refused by any of these
 * stores nothing. The log may still refuse an event (409 duplicate id, 503 unavailable): the events
 * before it are then stored, it and those after it are not, and the problem's {@code stored} member
 * lists the stored events' ids, so that the publisher resends the rest.
 */
final class BatchPublishServlet extends PublishEndpointServlet {

    private final int maxEvents;

    BatchPublishServlet(Hub hub, PublishGate gate, PublishRequestParser parser, PayloadEncoder payloads, int maxEvents,
                        int maxBodyBytes, ProblemResponses problems) {
        super(hub, gate, parser, payloads, maxBodyBytes, problems);
        this.maxEvents = maxEvents;
    }

    @Override
    protected void publish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HeraldPaths.tagObservation(request, HeraldPaths.EVENTS_BATCH);
        Problem refusal;
        try {
            HeraldPrincipal publisher = gate.authenticate(request);
            List<HeraldEvent> events = parser.parseBatch(JsonBody.read(request, maxBodyBytes), maxEvents);
            gate.charge(publisher, events.size());
            List<Event> stored = hub.publishAll(allowed(publisher, events));
            CreatedResponse.write(response, CreatedResponse.ids(stored.stream().map(Event::id).toList()));
            return;
        } catch (PartialAppendException e) {
            refusal = partial(e, request);
        } catch (RuntimeException e) {
            refusal = refusal(e, request, "no event of the batch was stored");
        }
        refuse(refusal, request, response);
    }

    /** @throws ApiProblemException 403 naming the first event with a topic the publisher may not publish to */
    private List<Publication> allowed(HeraldPrincipal publisher, List<HeraldEvent> events) {
        List<Publication> publications = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            HeraldEvent event = events.get(i);
            Publication publication = event.toPublication(payloads.encode(event.data()));
            try {
                PublishGate.requireAllowed(publisher, publication);
            } catch (ApiProblemException e) {
                ApiProblemException named = new ApiProblemException(e.status(), "events[" + i + "]: " + e.getMessage());
                e.headers().forEach((name, values) -> values.forEach(value -> named.withHeader(name, value)));
                throw named;
            }
            publications.add(publication);
        }
        return publications;
    }

    /** The log's refusal of one event, with what was stored before it. */
    private static Problem partial(PartialAppendException e, HttpServletRequest request) {
        int failed = e.stored().size();
        String lost = failed == 0 ? "no event of the batch was stored"
                : "events[0.." + (failed - 1) + "] were stored (their ids are in 'stored'), events[" + failed
                + "] and those after it were not";
        Problem problem = refusal(e.refusal(), request, lost);
        String detail = "events[" + failed + "]: " + problem.detail()
                + (e.refusal() instanceof dev.herald.core.log.DuplicateEventIdException ? "; " + lost : "");
        return new Problem(problem.status(), detail, problem.headers())
                .with("stored", e.stored().stream().map(event -> event.id().value()).toList());
    }
}
