package dev.herald.spring.web;

import dev.herald.core.hub.SubscribeRequest;
import dev.herald.spring.config.HubLifecycle;
import dev.herald.spring.security.Authenticator;
import dev.herald.spring.security.Caller;
import dev.herald.spring.web.limits.ConnectionLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/subscribe}: opens an SSE stream. The hub writes everything on it (the opening
 * comment and {@code retry:}, the replay or reset, live events, heartbeats) and ends it (lifetime,
 * token expiry, slow consumer, shutdown); this class only authenticates and reads the parameters,
 * and {@link EmitterStreams} ties the hub's connection to the response.
 */
@RestController
public final class SubscribeController {

    private static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", StandardCharsets.UTF_8);

    private final EmitterStreams streams;
    private final Authenticator authenticator;
    private final HubLifecycle lifecycle;
    private final SubscribeLimits limits;

    SubscribeController(EmitterStreams streams, Authenticator authenticator, HubLifecycle lifecycle, SubscribeLimits limits) {
        this.streams = streams;
        this.authenticator = authenticator;
        this.lifecycle = lifecycle;
        this.limits = limits;
    }

    @GetMapping(HeraldPaths.SUBSCRIBE)
    public ResponseEntity<SseEmitter> subscribe(HttpServletRequest request) {
        if (!lifecycle.accepting()) {
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "the hub is shutting down; reconnect in a moment")
                    .withHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        // the rate first: it is the cheapest check and protects the token verification behind it
        limits.checkRate(request);
        Caller caller = authenticator.subscriber(request);
        SubscribeRequest subscribeRequest = SubscribeRequests.of(caller, request.getParameterValues("topic"),
                request.getHeader("Last-Event-ID"), request.getParameter("lastEventId"), limits.maxTopics());
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            // Spring routes HEAD here too; a stream nobody can read would live until its lifetime ends
            return streamHeaders().build();
        }
        ConnectionLimiter.Permit permit = limits.admit(caller, request);
        return streamHeaders().body(streams.open(subscribeRequest, permit::release).emitter());
    }

    private static ResponseEntity.BodyBuilder streamHeaders() {
        return ResponseEntity.ok()
                .contentType(EVENT_STREAM)
                .cacheControl(CacheControl.noStore())
                // nginx buffers proxied responses unless told not to, which would hold events back
                .header("X-Accel-Buffering", "no");
    }
}
