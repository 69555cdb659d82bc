package dev.herald.mercure.subscriptions;

import dev.herald.core.event.EventId;
import dev.herald.core.topic.Topic;
import dev.herald.mercure.auth.AuthFailure;
import dev.herald.mercure.auth.Credential;
import dev.herald.mercure.auth.MercureAuthenticationException;
import dev.herald.mercure.auth.MercureToken;
import dev.herald.mercure.auth.MercureTokenVerifier;
import dev.herald.mercure.auth.Role;
import dev.herald.mercure.history.LogHead;
import dev.herald.mercure.history.ResumePlan;
import dev.herald.mercure.web.MercurePaths;
import dev.herald.spring.web.ApiProblemException;
import dev.herald.mercure.web.UrlEncodedForm;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscriptions API: the active subscriptions of this node as JSON-LD, all of them, those of
 * one topic selector, or one. A client needs a subscriber token whose {@code mercure.subscribe}
 * covers the requested URL (as the protocol asks, the URL is matched as a topic). Responses carry
 * the hub's last event id as {@code lastEventID} and {@code ETag}; subscribing to the subscription
 * events from that id keeps the list current without a gap.
 */
@RestController
public class SubscriptionsEndpoint {

    private static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

    private final SubscriberTracking tracking;
    private final MercureTokenVerifier verifier;
    private final LogHead head;
    private final JsonMapper json;

    public SubscriptionsEndpoint(SubscriberTracking tracking, MercureTokenVerifier subscriberVerifier, LogHead head,
                                 JsonMapper json) {
        if (subscriberVerifier.role() != Role.SUBSCRIBER) {
            throw new IllegalArgumentException("the subscriptions API needs the subscriber's verifier");
        }
        this.tracking = tracking;
        this.verifier = subscriberVerifier;
        this.head = head;
        this.json = json;
    }

    @GetMapping(MercurePaths.SUBSCRIPTIONS)
    public ResponseEntity<byte[]> all(HttpServletRequest request) {
        return collection(request, Optional.empty());
    }

    @GetMapping(MercurePaths.SUBSCRIPTIONS + "/{topic}")
    public ResponseEntity<byte[]> ofTopic(@PathVariable String topic, HttpServletRequest request) {
        return collection(request, Optional.of(topic));
    }

    @GetMapping(MercurePaths.SUBSCRIPTIONS + "/{topic}/{subscriber}")
    public ResponseEntity<byte[]> one(@PathVariable String topic, @PathVariable String subscriber,
                                      HttpServletRequest request) {
        String url = authorize(request);
        EntityTag tag = currentTag();
        for (MercureSubscriber candidate : tracking.subscribers()) {
            if (candidate.id().equals(subscriber)) {
                for (SubscriptionDocument document : candidate.documents(Optional.of(topic), true, true)) {
                    return respond(request, tag, document.withLastEventId(tag.lastEventId()));
                }
            }
        }
        throw new ApiProblemException(HttpStatus.NOT_FOUND, "no active subscription of '" + subscriber + "' to '" + topic
                + "' on this hub (" + url + ")");
    }

    private ResponseEntity<byte[]> collection(HttpServletRequest request, Optional<String> topic) {
        String url = authorize(request);
        EntityTag tag = currentTag();
        List<SubscriptionDocument> documents = new ArrayList<>();
        for (MercureSubscriber subscriber : tracking.subscribers()) {
            documents.addAll(subscriber.documents(topic, true, false));
        }
        return respond(request, tag, SubscriptionCollection.of(url, tag.lastEventId(), documents));
    }

    private ResponseEntity<byte[]> respond(HttpServletRequest request, EntityTag tag, Object document) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(tag.header());
        // the list changes with every subscriber: a cache must ask again before each use
        headers.setCacheControl("must-revalidate");
        headers.add(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromContextPath(request).path(MercurePaths.HUB)
                .toUriString() + ">; rel=\"mercure\"");
        if (tag.matchedBy(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
        }
        return ResponseEntity.ok().headers(headers).contentType(JSON_LD).body(json.writeValueAsBytes(document));
    }

    private EntityTag currentTag() {
        return new EntityTag(head.current().map(EventId::value).orElse(ResumePlan.EARLIEST));
    }

    /**
     * @return the requested path, as sent (percent-encoded), which the token must cover; the query
     *         is left out, since it holds no more than the credential ({@code authorization})
     */
    private String authorize(HttpServletRequest request) {
        UrlEncodedForm query;
        try {
            query = UrlEncodedForm.parse(request.getQueryString());
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("malformed query string: " + e.getMessage());
        }
        Credential credential = Credential.find(request, query)
                .orElseThrow(() -> new MercureAuthenticationException(new AuthFailure.NoToken(Role.SUBSCRIBER)));
        MercureToken token = verifier.verify(credential.token());
        String url = request.getRequestURI().substring(request.getContextPath().length());
        Topic asTopic;
        try {
            asTopic = Topic.of(url);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("the requested URL cannot be matched as a topic: " + e.getMessage());
        }
        if (token.claims().subscribe().stream().noneMatch(selector -> selector.matches(asTopic))) {
            throw ApiProblemException.forbidden("the token's 'mercure.subscribe' claim does not cover '" + url
                    + "'; grant it, e.g. with \"" + MercurePaths.SUBSCRIPTIONS + "{/topic}{/subscriber}\"");
        }
        return url;
    }
}
