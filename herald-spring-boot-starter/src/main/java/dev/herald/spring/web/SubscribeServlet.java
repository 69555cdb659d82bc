package dev.herald.spring.web;

import dev.herald.core.hub.SubscribeRequest;
import dev.herald.spring.config.HubLifecycle;
import dev.herald.spring.security.AuthenticationException;
import dev.herald.spring.security.Authenticator;
import dev.herald.spring.security.Caller;
import dev.herald.spring.web.limits.ConnectionLimiter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * {@code GET /api/subscribe}: opens an SSE stream. The hub writes everything on it (the opening
 * comment and {@code retry:}, the replay or reset, live events, heartbeats) and ends it (lifetime,
 * token expiry, slow consumer, shutdown); this servlet only authenticates, reads the parameters and
 * hands the response to the hub ({@link AsyncStreams}).
 *
 * <p>A plain servlet rather than a Spring MVC handler: an idle stream then holds only the
 * container's request and response, not Spring MVC's async request state, which was the largest
 * part of the memory per idle stream (docs/scale.md). The application's filters (CORS, query length,
 * Spring Security, observation) run before it as before; {@code HEAD} answers the headers a
 * {@code GET} would get without opening a stream, and other methods get the problems and headers
 * Spring MVC gave them.
 *
 * <p>The handshake, not the stream's life, is observed as {@code http.server.requests}
 * ({@link StreamHandshakeFilter}).
 */
final class SubscribeServlet extends HttpServlet {

    static final String CONTENT_TYPE = "text/event-stream;charset=UTF-8";
    /** What Spring MVC answered for the one {@code @GetMapping} this endpoint was. */
    private static final String ALLOW = "GET";
    private static final String ALLOW_OPTIONS = "GET,HEAD,OPTIONS";

    private final AsyncStreams streams;
    private final Authenticator authenticator;
    private final HubLifecycle lifecycle;
    private final SubscribeLimits limits;
    private final ProblemResponses problems;

    SubscribeServlet(AsyncStreams streams, Authenticator authenticator, HubLifecycle lifecycle, SubscribeLimits limits,
                     ProblemResponses problems) {
        this.streams = streams;
        this.authenticator = authenticator;
        this.lifecycle = lifecycle;
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        switch (request.getMethod()) {
            case "GET", "HEAD" -> subscribe(request, response);
            case "OPTIONS" -> response.setHeader(HttpHeaders.ALLOW, ALLOW_OPTIONS);
            case "TRACE" -> super.service(request, response);
            default -> problems.methodNotAllowed(ALLOW, request, response);
        }
    }

    private void subscribe(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HeraldPaths.tagObservation(request, HeraldPaths.SUBSCRIBE);
        try {
            if (!lifecycle.accepting()) {
                throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "the hub is shutting down; reconnect in a moment")
                        .withHeader(HttpHeaders.RETRY_AFTER, "1");
            }
            // the rate first: it is the cheapest check and protects the token verification behind it
            limits.checkRate(request);
            Caller caller = authenticator.subscriber(request);
            SubscribeRequest subscribeRequest = SubscribeRequests.of(caller, request.getParameterValues("topic"),
                    request.getHeader("Last-Event-ID"), request.getParameter("lastEventId"), limits.maxTopics());
            if ("HEAD".equals(request.getMethod())) {
                // a stream nobody can read would live until its lifetime ends
                streamHeaders(response);
                return;
            }
            ConnectionLimiter.Permit permit = limits.admit(caller, request);
            streamHeaders(response);
            streams.open(request, subscribeRequest, permit::release);
        } catch (ApiProblemException e) {
            answer(Problem.of(e, request), request, response);
        } catch (AuthenticationException e) {
            answer(Problem.of(e, request), request, response);
        } catch (RuntimeException e) {
            answer(Problem.internalError(e, request), request, response);
        }
    }

    private static void streamHeaders(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // nginx buffers proxied responses unless told not to, which would hold events back
        response.setHeader("X-Accel-Buffering", "no");
    }

    /** Headers set so far (CORS) stay, as they did on Spring MVC's problem answers. */
    private void answer(Problem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            throw new IOException("the stream failed after it started: " + problem.detail());
        }
        problems.write(problem, request, response);
        if (request.isAsyncStarted()) {
            request.getAsyncContext().complete();
        }
    }
}
