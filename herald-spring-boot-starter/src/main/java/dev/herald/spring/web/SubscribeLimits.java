package dev.herald.spring.web;

import dev.herald.spring.config.HeraldProperties;
import dev.herald.spring.security.Caller;
import dev.herald.spring.security.HeraldPrincipal;
import dev.herald.spring.web.limits.ConnectionLimiter;
import dev.herald.spring.web.limits.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The abuse limits of {@code GET /api/subscribe}: stream openings per second per remote address,
 * live streams per user and per address, topics per stream. Answers 429 (with {@code Retry-After})
 * or 413, naming the property to raise. The remote address is the socket's, or the client's when the
 * application trusts a proxy's forwarded headers ({@code server.forward-headers-strategy}).
 */
final class SubscribeLimits {

    private final HeraldProperties.Limits limits;
    private final RateLimiter subscribeRate;
    private final ConnectionLimiter connections;

    SubscribeLimits(HeraldProperties.Limits limits) {
        this.limits = limits;
        this.subscribeRate = new RateLimiter(limits.subscribeRate(), limits.subscribeBurst());
        this.connections = new ConnectionLimiter(limits.maxConnectionsPerUser(), limits.maxConnectionsPerAddress());
    }

    int maxTopics() {
        return limits.maxTopicsPerSubscription();
    }

    void checkRate(HttpServletRequest request) {
        if (!subscribeRate.tryAcquire(request.getRemoteAddr())) {
            throw tooMany("too many subscribe requests from this address: at most " + limits.subscribeRate()
                    + " per second after a burst of " + limits.subscribeBurst()
                    + " (herald.limits.subscribe-rate, herald.limits.subscribe-burst); reconnect later", subscribeRate.retryAfterSeconds());
        }
    }

    ConnectionLimiter.Permit admit(Caller caller, HttpServletRequest request) {
        Optional<String> user = caller instanceof HeraldPrincipal principal ? Optional.of(principal.user().value()) : Optional.empty();
        return switch (connections.tryAcquire(user, request.getRemoteAddr())) {
            case ConnectionLimiter.Outcome.Granted granted -> granted.permit();
            case ConnectionLimiter.Outcome.Refused(ConnectionLimiter.Refusal limit) when limit == ConnectionLimiter.Refusal.USER ->
                    throw tooMany("too many live streams for this user: at most " + limits.maxConnectionsPerUser()
                            + " (herald.limits.max-connections-per-user); close one first", 5);
            case ConnectionLimiter.Outcome.Refused refused ->
                    throw tooMany("too many live streams from this address: at most " + limits.maxConnectionsPerAddress()
                            + " (herald.limits.max-connections-per-address); close one first", 5);
        };
    }

    static ApiProblemException tooMany(String detail, long retryAfterSeconds) {
        return new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, detail)
                .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }
}
