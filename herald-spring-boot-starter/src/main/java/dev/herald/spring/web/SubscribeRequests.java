package dev.herald.spring.web;

import dev.herald.core.event.EventId;
import dev.herald.core.hub.SubscribeRequest;
import dev.herald.core.hub.Subscription;
import dev.herald.core.topic.InvalidSelectorException;
import dev.herald.core.topic.TopicSelector;
import dev.herald.spring.security.Caller;
import dev.herald.spring.security.HeraldPrincipal;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the parameters of {@code GET /api/subscribe} into the hub's {@link SubscribeRequest}. */
final class SubscribeRequests {

    private SubscribeRequests() {
    }

    /**
     * @param topics            the {@code topic} parameters, or null
     * @param lastEventIdHeader the {@code Last-Event-ID} header, which wins over the query parameter
     * @param lastEventIdQuery  the {@code lastEventId} query parameter, for clients that cannot set headers
     * @throws ApiProblemException (400) saying which parameter to fix
     */
    static SubscribeRequest of(Caller caller, String[] topics, String lastEventIdHeader, String lastEventIdQuery,
                               int maxTopics) {
        List<TopicSelector> selectors = selectors(topics, maxTopics);
        Subscription subscription = switch (caller) {
            case HeraldPrincipal principal -> Subscription.forUser(principal.user(), selectors, principal.grants().subscribe());
            case Caller.Anonymous anonymous -> {
                if (selectors.isEmpty()) {
                    throw ApiProblemException.badRequest("no topic: anonymous subscribers must name at least one"
                            + " 'topic' parameter (an exact topic, a URI template or *)");
                }
                yield Subscription.anonymous(selectors);
            }
        };
        Optional<EventId> lastEventId = lastEventId(lastEventIdHeader, "Last-Event-ID header")
                .or(() -> lastEventId(lastEventIdQuery, "lastEventId parameter"));
        Optional<Instant> expiry = caller instanceof HeraldPrincipal principal
                ? principal.expiresAt() : Optional.empty();
        return new SubscribeRequest(subscription, lastEventId, expiry);
    }

    private static List<TopicSelector> selectors(String[] topics, int maxTopics) {
        if (topics == null) {
            return List.of();
        }
        if (topics.length > maxTopics) {
            // bounds the matching work per stream
            throw new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, "too many topics: at most " + maxTopics
                    + " 'topic' parameters per stream (herald.limits.max-topics-per-subscription), not " + topics.length);
        }
        List<TopicSelector> selectors = new ArrayList<>(topics.length);
        for (String topic : topics) {
            try {
                selectors.add(TopicSelector.parse(topic));
            } catch (InvalidSelectorException e) {
                throw ApiProblemException.badRequest("invalid topic selector '" + printable(topic) + "': " + e.getMessage());
            }
        }
        return selectors;
    }

    private static Optional<EventId> lastEventId(String value, String source) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventId.of(value));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid " + source + ": " + e.getMessage());
        }
    }

    /** Echoes a value into a message without control characters or unbounded length. */
    static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
