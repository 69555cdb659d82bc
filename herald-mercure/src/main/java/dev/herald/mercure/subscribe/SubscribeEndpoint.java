package dev.herald.mercure.subscribe;

import dev.herald.core.hub.SubscribeRequest;
import dev.herald.core.hub.Subscription;
import dev.herald.core.topic.InvalidSelectorException;
import dev.herald.mercure.auth.AuthFailure;
import dev.herald.mercure.auth.Credential;
import dev.herald.mercure.auth.MercureAuthenticationException;
import dev.herald.mercure.auth.MercureClaims;
import dev.herald.mercure.auth.MercureToken;
import dev.herald.mercure.auth.MercureTokenVerifier;
import dev.herald.mercure.auth.Role;
import dev.herald.mercure.history.ResumePlan;
import dev.herald.mercure.history.ResumePlanner;
import dev.herald.mercure.subscriptions.MercureSubscriber;
import dev.herald.mercure.subscriptions.SubscriberTracking;
import dev.herald.mercure.topic.MercureSelector;
import dev.herald.mercure.web.MercurePaths;
import dev.herald.spring.web.ApiProblemException;
import dev.herald.mercure.web.UrlEncodedForm;
import dev.herald.spring.config.HubLifecycle;
import dev.herald.spring.web.EmitterStreams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /.well-known/mercure?topic=...}: a Mercure subscriber's stream, written by Herald's hub
 * from Herald's log. Each {@code topic} is a selector (exact, URI template or {@code *}); private
 * updates need a token whose {@code mercure.subscribe} selectors match one of their topics. A
 * token's {@code exp} ends the stream. {@code HEAD} answers with the headers a {@code GET} would
 * get, without opening a stream.
 */
@RestController
public class SubscribeEndpoint {

    /** A cap on selectors per stream: templates are matched one by one against every update. */
    public static final int MAX_TOPICS = 100;
    static final String TOPIC = "topic";
    static final String LAST_EVENT_ID_QUERY = "lastEventID";
    /** The draft-07 spelling of the query parameter, still sent by older clients. */
    static final String LEGACY_LAST_EVENT_ID_QUERY = "Last-Event-ID";

    private final EmitterStreams streams;
    private final HubLifecycle lifecycle;
    private final MercureTokenVerifier verifier;
    private final boolean anonymous;
    private final ResumePlanner planner;
    private final SubscriberTracking tracking;

    public SubscribeEndpoint(EmitterStreams streams, HubLifecycle lifecycle, MercureTokenVerifier subscriberVerifier,
                             boolean anonymous, ResumePlanner planner, SubscriberTracking tracking) {
        if (subscriberVerifier.role() != Role.SUBSCRIBER) {
            throw new IllegalArgumentException("the subscribe endpoint needs the subscriber's verifier");
        }
        this.streams = streams;
        this.lifecycle = lifecycle;
        this.verifier = subscriberVerifier;
        this.anonymous = anonymous;
        this.planner = planner;
        this.tracking = tracking;
    }

    @RequestMapping(path = MercurePaths.HUB, method = {RequestMethod.GET, RequestMethod.HEAD})
    public ResponseEntity<?> subscribe(HttpServletRequest request) {
        UrlEncodedForm query;
        try {
            query = UrlEncodedForm.parse(request.getQueryString());
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("malformed query string: " + e.getMessage());
        }
        Optional<MercureToken> token = authenticate(request, query);
        MercureClaims claims = token.map(MercureToken::claims).orElse(MercureClaims.NONE);
        List<MercureSelector> selectors = selectors(query);
        if (!lifecycle.accepting()) {
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "the hub is shutting down; reconnect in a moment")
                    .withHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        ResumePlan plan = planner.plan(lastEventId(request, query));
        HttpHeaders headers = StreamHeaders.of(plan);
        if (RequestMethod.HEAD.name().equals(request.getMethod())) {
            return ResponseEntity.ok().headers(headers).build();
        }
        MercureSubscriber subscriber = MercureSubscriber.create(selectors, claims.payload());
        Subscription subscription = new Subscription(Optional.empty(), MercureSelector.matchersOf(selectors),
                MercureSelector.matchersOf(claims.subscribe()));
        tracking.starting(subscriber);
        EmitterStreams.Opened stream = streams.open(new SubscribeRequest(subscription, plan.resumeAfter(),
                token.flatMap(MercureToken::expiresAt)));
        tracking.opened(stream.connection(), subscriber);
        return ResponseEntity.ok().headers(headers).body(stream.emitter());
    }

    /** The verified token; empty for an anonymous subscriber, when they are allowed. */
    private Optional<MercureToken> authenticate(HttpServletRequest request, UrlEncodedForm query) {
        Optional<Credential> credential = Credential.find(request, query);
        if (credential.isEmpty()) {
            if (anonymous) {
                return Optional.empty();
            }
            throw new MercureAuthenticationException(new AuthFailure.NoToken(Role.SUBSCRIBER));
        }
        return Optional.of(verifier.verify(credential.get().token()));
    }

    private static List<MercureSelector> selectors(UrlEncodedForm query) {
        List<String> topics = query.all(TOPIC);
        if (topics.isEmpty()) {
            throw ApiProblemException.badRequest("missing 'topic' query parameter: name at least one topic selector,"
                    + " e.g. ?topic=https://example.com/books/{id}");
        }
        if (topics.size() > MAX_TOPICS) {
            throw ApiProblemException.badRequest("at most " + MAX_TOPICS + " 'topic' query parameters per stream, not "
                    + topics.size() + ": use URI templates or '*' to cover more topics");
        }
        List<MercureSelector> selectors = new ArrayList<>(topics.size());
        for (String topic : topics) {
            try {
                selectors.add(MercureSelector.parse(topic));
            } catch (InvalidSelectorException e) {
                throw ApiProblemException.badRequest("invalid 'topic' query parameter: " + e.getMessage());
            }
        }
        return selectors;
    }

    /** The header takes precedence over the query parameters, as the protocol says. */
    private static Optional<String> lastEventId(HttpServletRequest request, UrlEncodedForm query) {
        String header = request.getHeader(StreamHeaders.LAST_EVENT_ID);
        if (header != null && !header.isEmpty()) {
            return Optional.of(header);
        }
        return query.first(LAST_EVENT_ID_QUERY).filter(id -> !id.isEmpty())
                .or(() -> query.first(LEGACY_LAST_EVENT_ID_QUERY).filter(id -> !id.isEmpty()));
    }
}
