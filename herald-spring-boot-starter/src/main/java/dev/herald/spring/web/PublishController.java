package dev.herald.spring.web;

import dev.herald.core.event.Event;
import dev.herald.core.event.Publication;
import dev.herald.core.hub.Hub;
import dev.herald.core.topic.Topic;
import dev.herald.spring.publish.HeraldEvent;
import dev.herald.spring.publish.PayloadEncoder;
import dev.herald.spring.security.Authenticator;
import dev.herald.spring.security.HeraldPrincipal;
import dev.herald.spring.security.RequestTokens;
import dev.herald.spring.web.limits.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events}: publishes one event. Answers {@code 201} with the event's id once the
 * log holds it (live streams get it right after). Checks in the order a client fixes things: the
 * token (401), the body (415, 413, 400), the right to publish to every target topic (403), then
 * the log (409 duplicate id, 503 unavailable).
 */
@RestController
public final class PublishController {

    private final Hub hub;
    private final Authenticator authenticator;
    private final PublishRequestParser parser;
    private final PayloadEncoder payloads;
    private final int maxBodyBytes;
    private final CookieCsrfGuard csrfGuard;
    private final RateLimiter publishRate;

    PublishController(Hub hub, Authenticator authenticator, PublishRequestParser parser, PayloadEncoder payloads,
                      int maxBodyBytes, CookieCsrfGuard csrfGuard, RateLimiter publishRate) {
        this.csrfGuard = csrfGuard;
        this.publishRate = publishRate;
        this.hub = hub;
        this.authenticator = authenticator;
        this.parser = parser;
        this.payloads = payloads;
        this.maxBodyBytes = maxBodyBytes;
    }

    @PostMapping(HeraldPaths.EVENTS)
    public ResponseEntity<Map<String, String>> publish(HttpServletRequest request) {
        if (RequestTokens.locate(request).map(RequestTokens.Found::source).orElse(null) == RequestTokens.Source.COOKIE) {
            csrfGuard.check(request);
        }
        HeraldPrincipal publisher = authenticator.publisher(request);
        if (!publishRate.tryAcquire(publisher.user().value())) {
            throw SubscribeLimits.tooMany("too many publishes by '" + publisher.user().value() + "': see"
                    + " herald.limits.publish-rate and herald.limits.publish-burst; retry later", publishRate.retryAfterSeconds());
        }
        HeraldEvent event = parser.parse(JsonBody.read(request, maxBodyBytes));
        Publication publication = event.toPublication(payloads.encode(event.data()));
        Optional<Topic> forbidden = publisher.firstTopicNotPublishable(publication.topics());
        if (forbidden.isPresent()) {
            String detail = "not allowed to publish to topic '" + SubscribeRequests.printable(forbidden.get().value())
                    + "': no selector in the token's herald.publish claim matches it";
            throw new ApiProblemException(HttpStatus.FORBIDDEN, detail)
                    .withHeader(BearerChallenge.HEADER, BearerChallenge.insufficientScope(detail));
        }
        Event stored = hub.publish(publication);
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", stored.id().value()));
    }
}
