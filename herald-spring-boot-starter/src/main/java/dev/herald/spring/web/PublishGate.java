package dev.herald.spring.web;

import dev.herald.core.event.Publication;
import dev.herald.core.topic.Topic;
import dev.herald.spring.security.Authenticator;
import dev.herald.spring.security.HeraldPrincipal;
import dev.herald.spring.security.RequestTokens;
import dev.herald.spring.web.limits.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Who may publish, and where: the checks of {@code POST /api/events} that are about the publisher
 * rather than the body. In the order a client fixes things: the CSRF guard of a cookie token (403),
 * the token (401), the publisher's rate (429); then, once the body is read, the right to publish to
 * every target topic (403 with an {@code insufficient_scope} challenge).
 */
final class PublishGate {

    private final Authenticator authenticator;
    private final CookieCsrfGuard csrfGuard;
    private final RateLimiter publishRate;

    PublishGate(Authenticator authenticator, CookieCsrfGuard csrfGuard, RateLimiter publishRate) {
        this.authenticator = authenticator;
        this.csrfGuard = csrfGuard;
        this.publishRate = publishRate;
    }

    /**
     * @throws ApiProblemException                                 403 (CSRF guard), 429 (rate)
     * @throws dev.herald.spring.security.AuthenticationException no or a bad token
     */
    HeraldPrincipal admit(HttpServletRequest request) {
        HeraldPrincipal publisher = authenticate(request);
        charge(publisher, 1);
        return publisher;
    }

    /**
     * The CSRF guard and the token, without the rate: for a batch, whose size the rate needs, the
     * body is read between the two.
     *
     * @throws ApiProblemException                                 403 (CSRF guard)
     * @throws dev.herald.spring.security.AuthenticationException no or a bad token
     */
    HeraldPrincipal authenticate(HttpServletRequest request) {
        if (RequestTokens.locate(request).map(RequestTokens.Found::source).orElse(null) == RequestTokens.Source.COOKIE) {
            csrfGuard.check(request);
        }
        return authenticator.publisher(request);
    }

    /**
     * Takes {@code events} from the publisher's allowance at once, or none: the rate counts events,
     * so a batch costs as much as its events published one by one.
     *
     * @throws ApiProblemException 429 when the allowance is short; 400 for a batch larger than the
     *                             burst, which could never pass
     */
    void charge(HeraldPrincipal publisher, int events) {
        if (events > publishRate.burst()) {
            throw ApiProblemException.badRequest("the batch has " + events + " events, more than herald.limits.publish-burst ("
                    + publishRate.burst() + ") lets one publisher send at once: send smaller batches");
        }
        if (!publishRate.tryAcquire(publisher.user().value(), events)) {
            throw SubscribeLimits.tooMany("too many publishes by '" + publisher.user().value() + "': see"
                    + " herald.limits.publish-rate and herald.limits.publish-burst; retry later", publishRate.retryAfterSeconds());
        }
    }

    /** @throws ApiProblemException 403 when a target topic is not covered by the token's publish grants */
    static void requireAllowed(HeraldPrincipal publisher, Publication publication) {
        Optional<Topic> forbidden = publisher.firstTopicNotPublishable(publication.topics());
        if (forbidden.isPresent()) {
            String detail = "not allowed to publish to topic '" + SubscribeRequests.printable(forbidden.get().value())
                    + "': no selector in the token's herald.publish claim matches it";
            throw new ApiProblemException(HttpStatus.FORBIDDEN, detail)
                    .withHeader(BearerChallenge.HEADER, BearerChallenge.insufficientScope(detail));
        }
    }
}
