package dev.herald.spring.web;

import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.hub.Hub;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.spring.publish.HeraldEvent;
import dev.herald.spring.publish.PayloadEncoder;
import dev.herald.spring.security.AuthenticationException;
import dev.herald.spring.security.HeraldPrincipal;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

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
 * before; other methods get the problems and headers Spring MVC gave them.
 */
final class PublishServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(PublishServlet.class);

    /** What Spring MVC answered for the one {@code @PostMapping} this endpoint was. */
    private static final String ALLOW = "POST";
    private static final String ALLOW_OPTIONS = "POST,OPTIONS";

    private final Hub hub;
    private final PublishGate gate;
    private final PublishRequestParser parser;
    private final PayloadEncoder payloads;
    private final int maxBodyBytes;
    private final ProblemResponses problems;

    PublishServlet(Hub hub, PublishGate gate, PublishRequestParser parser, PayloadEncoder payloads, int maxBodyBytes,
                   ProblemResponses problems) {
        this.hub = hub;
        this.gate = gate;
        this.parser = parser;
        this.payloads = payloads;
        this.maxBodyBytes = maxBodyBytes;
        this.problems = problems;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        switch (request.getMethod()) {
            case "POST" -> publish(request, response);
            case "OPTIONS" -> response.setHeader(HttpHeaders.ALLOW, ALLOW_OPTIONS);
            case "TRACE" -> super.service(request, response);
            default -> problems.methodNotAllowed(ALLOW, request, response);
        }
    }

    private void publish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HeraldPaths.tagObservation(request, HeraldPaths.EVENTS);
        try {
            HeraldPrincipal publisher = gate.admit(request);
            HeraldEvent event = parser.parse(JsonBody.read(request, maxBodyBytes));
            Publication publication = event.toPublication(payloads.encode(event.data()));
            PublishGate.requireAllowed(publisher, publication);
            Event stored = hub.publish(publication);
            CreatedResponse.write(response, CreatedResponse.id(stored.id()));
        } catch (RuntimeException e) {
            refuse(refusal(e, request, "the event was not stored"), request, response, maxBodyBytes, problems);
        }
    }

    /**
     * What a publish endpoint answers for a refusal: 400, 401, 403, 409, 413, 415, 429, 503;
     * 500 for anything else. {@code notStored} says what the client lost when the log is unavailable.
     */
    static Problem refusal(RuntimeException e, HttpServletRequest request, String notStored) {
        return switch (e) {
            case ApiProblemException problem -> Problem.of(problem, request);
            case AuthenticationException failure -> Problem.of(failure, request);
            case DuplicateEventIdException duplicate -> Problem.of(duplicate);
            case LogUnavailableException unavailable -> {
                log.warn("publish refused, the event log is unavailable: {}", unavailable.getMessage());
                yield Problem.logUnavailable(unavailable, notStored);
            }
            default -> Problem.internalError(e, request);
        };
    }

    /**
     * Answers a refusal, after reading and dropping the rest of the body so that the connection can
     * carry the client's next request (or saying {@code Connection: close} when too much is left).
     */
    static void refuse(Problem refusal, HttpServletRequest request, HttpServletResponse response, int maxBodyBytes,
                       ProblemResponses problems) throws IOException {
        if (!JsonBody.discardRest(request, maxBodyBytes)) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        problems.write(refusal, request, response);
    }
}
