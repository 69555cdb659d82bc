package dev.herald.spring.web;

import dev.herald.core.hub.Hub;
import dev.herald.core.log.DuplicateEventIdException;
import dev.herald.core.log.LogUnavailableException;
import dev.herald.spring.publish.PayloadEncoder;
import dev.herald.spring.security.AuthenticationException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * What the two publish endpoints ({@link PublishServlet}, {@link BatchPublishServlet}) share: the parts
 * they publish with, the methods they answer (a {@code POST}; other methods get the problems and headers
 * Spring MVC gave its one {@code @PostMapping}), and how a refusal is answered.
 */
abstract class PublishEndpointServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(PublishEndpointServlet.class);

    private static final String ALLOW = "POST";
    private static final String ALLOW_OPTIONS = "POST,OPTIONS";

    protected final Hub hub;
    protected final PublishGate gate;
    protected final PublishRequestParser parser;
    protected final PayloadEncoder payloads;
    protected final int maxBodyBytes;
    private final ProblemResponses problems;

    PublishEndpointServlet(Hub hub, PublishGate gate, PublishRequestParser parser, PayloadEncoder payloads, int maxBodyBytes,
                           ProblemResponses problems) {
        this.hub = hub;
        this.gate = gate;
        this.parser = parser;
        this.payloads = payloads;
        this.maxBodyBytes = maxBodyBytes;
        this.problems = problems;
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        switch (request.getMethod()) {
            case "POST" -> publish(request, response);
            case "OPTIONS" -> response.setHeader(HttpHeaders.ALLOW, ALLOW_OPTIONS);
            case "TRACE" -> super.service(request, response);
            default -> problems.methodNotAllowed(ALLOW, request, response);
        }
    }

    /** Handles a {@code POST}: answers the publish or its refusal. */
    protected abstract void publish(HttpServletRequest request, HttpServletResponse response) throws IOException;

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
    protected final void refuse(Problem refusal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        UnreadBody.discardOrClose(request, response, maxBodyBytes);
        problems.write(refusal, request, response);
    }
}
