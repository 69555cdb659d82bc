package dev.herald.spring.web;

import dev.herald.core.presence.PresenceUnavailableException;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import dev.herald.spring.presence.Presence;
import dev.herald.spring.presence.SubscriptionList;
import dev.herald.spring.security.Authenticator;
import dev.herald.spring.security.HeraldPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/subscriptions[?topic=…]}: who is subscribed now, limited to what the caller's
 * {@code herald.subscribe} grants cover (docs/api.md). A token is required (401 without); a token
 * without any {@code herald.subscribe} grant gets 403, as does asking for a topic no grant covers;
 * a shared presence directory that cannot be read (Redis down) gets 503.
 */
@RestController
public final class SubscriptionsController {

    private final Presence presence;
    private final Authenticator authenticator;

    SubscriptionsController(Presence presence, Authenticator authenticator) {
        this.presence = presence;
        this.authenticator = authenticator;
    }

    @GetMapping(HeraldPaths.SUBSCRIPTIONS)
    public ResponseEntity<SubscriptionList> subscriptions(HttpServletRequest request) {
        HeraldPrincipal caller = authenticator.publisher(request);
        List<TopicSelector> grants = caller.grants().subscribe();
        if (grants.isEmpty()) {
            throw new ApiProblemException(HttpStatus.FORBIDDEN,
                    "this token has no herald.subscribe grant; listing subscriptions needs one that covers their topics");
        }
        Optional<Topic> topic = topicParameter(request);
        if (topic.isPresent() && !Presence.granted(topic.get(), grants)) {
            throw new ApiProblemException(HttpStatus.FORBIDDEN,
                    "no herald.subscribe grant of this token covers topic '" + topic.get().value() + "'");
        }
        SubscriptionList list;
        try {
            list = presence.list(grants, topic);
        } catch (PresenceUnavailableException e) {
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the subscriptions of the other nodes cannot be read now (" + e.getMessage() + "); retry later")
                    .withHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(list);
    }

    private static Optional<Topic> topicParameter(HttpServletRequest request) {
        String[] values = request.getParameterValues("topic");
        if (values == null) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw ApiProblemException.badRequest("give at most one 'topic' parameter");
        }
        try {
            return Optional.of(Topic.of(values[0]));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("parameter 'topic': " + e.getMessage());
        }
    }
}
