package dev.herald.spring.config;

import dev.herald.core.hub.HubOptions;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.core.presence.NodeId;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code herald.*} properties: a public contract (docs/configuration.md lists every one with
 * its environment variable). Values are checked here, with the property name in the message, so a
 * wrong value stops the application at start with a message that says which property to fix.
 *
 * @param heartbeat  a comment is sent on a stream silent this long, so proxies keep it open and a
 *                   dead client is found by the failing write
 * @param connection how long streams live and how much they may queue
 * @param publish    limits of {@code POST /api/events}
 * @param security   tokens and anonymous subscribers
 * @param store      where the event log lives and how much history it keeps for replay
 * @param cors       which browser origins may call the API (docs/security.md)
 * @param limits     abuse limits per user, address and token (docs/security.md)
 * @param presence   who-is-subscribed features beyond {@code GET /api/subscriptions}
 * @param node       this node's name among the hub's nodes (subscriptions list, metrics tag, logs,
 *                   Redis presence); unset: {@code <host>:<server.port>}, or {@code <host>-<random>}
 *                   on a random port
 */
@ConfigurationProperties("herald")
public record HeraldProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue Connection connection,
        @DefaultValue Publish publish,
        @DefaultValue Security security,
        @DefaultValue Store store,
        @DefaultValue Cors cors,
        @DefaultValue Limits limits,
        @DefaultValue Presence presence,
        String node) {

    public HeraldProperties {
        positive(heartbeat, "herald.heartbeat");
        if (node != null && !node.isBlank()) {
            try {
                new NodeId(node.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("herald.node: " + e.getMessage());
            }
        }
    }

    /** {@code herald.node}, when set. */
    public java.util.Optional<NodeId> configuredNode() {
        return node == null || node.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(new NodeId(node.strip()));
    }

    /** The hub's options; the replay page and write coalescing sizes keep the core's defaults. */
    public HubOptions hubOptions() {
        return new HubOptions(heartbeat, connection.maxLifetime(), connection.lifetimeJitter(),
                connection.clientRetry(), connection.outboxCapacity(), HubOptions.DEFAULT_REPLAY_PAGE_SIZE,
                HubOptions.DEFAULT_MAX_WRITE_BYTES)
                .withRecent(store.replayCacheEvents(), store.replayCacheSize().toBytes());
    }

    /**
     * @param maxLifetime    a stream ends cleanly after this long (varied by {@code lifetimeJitter}),
     *                       and the client resumes by {@code Last-Event-ID}
     * @param lifetimeJitter the fraction by which each stream's lifetime varies, so that streams
     *                       opened together do not all reconnect together
     * @param clientRetry    the reconnection delay sent at the start of each stream ({@code retry:})
     * @param outboxCapacity frames a stream may have waiting; a client that falls further behind is
     *                       cut off and resumes from the log
     */
    public record Connection(
            @DefaultValue("30m") Duration maxLifetime,
            @DefaultValue("0.2") double lifetimeJitter,
            @DefaultValue("3s") Duration clientRetry,
            @DefaultValue("1024") int outboxCapacity) {

        public Connection {
            positive(maxLifetime, "herald.connection.max-lifetime");
            if (lifetimeJitter < 0 || lifetimeJitter >= 1) {
                throw new IllegalArgumentException(
                        "herald.connection.lifetime-jitter must be in [0, 1), not " + lifetimeJitter);
            }
            if (clientRetry == null || clientRetry.isNegative()) {
                throw new IllegalArgumentException("herald.connection.client-retry must not be negative");
            }
            if (outboxCapacity < 1) {
                throw new IllegalArgumentException(
                        "herald.connection.outbox-capacity must be at least 1, not " + outboxCapacity);
            }
        }
    }

    /**
     * @param maxBytes       the largest request body {@code POST /api/events} accepts (413 above)
     * @param requestMetrics whether {@code POST /api/events} is timed as {@code http.server.requests}
     *                       like every other request; off saves about a sixth of the CPU of a publish
     *                       request ({@code herald.events.published} still counts the events)
     * @param maxBatchEvents the most events one {@code POST /api/events/batch} carries (400 above)
     * @param maxBatchBytes  the largest request body {@code POST /api/events/batch} accepts (413 above)
     */
    public record Publish(@DefaultValue("64KB") DataSize maxBytes, @DefaultValue("true") boolean requestMetrics,
                          @DefaultValue("100") int maxBatchEvents, @DefaultValue("1MB") DataSize maxBatchBytes) {

        public Publish {
            if (maxBytes == null || maxBytes.toBytes() < 1 || maxBytes.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("herald.publish.max-bytes must be between 1B and 2GB, not " + maxBytes);
            }
            if (maxBatchEvents < 1) {
                throw new IllegalArgumentException("herald.publish.max-batch-events must be at least 1, not " + maxBatchEvents);
            }
            if (maxBatchBytes == null || maxBatchBytes.toBytes() < 1 || maxBatchBytes.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("herald.publish.max-batch-bytes must be between 1B and 2GB, not "
                        + maxBatchBytes);
            }
        }
    }

    /**
     * @param anonymous whether {@code GET /api/subscribe} accepts requests without a token (public
     *                  events only); a token that is present is always checked
     * @param jwt       the key tokens are signed with
     */
    public record Security(@DefaultValue("false") boolean anonymous, @DefaultValue Jwt jwt) {

        /**
         * The keys tokens are verified with (one of secret, public-key, jwk-set-uri), the claim
         * checks, and optional separate keys for publishers and subscribers.
         *
         * @param secret          the HS256 key, at least 32 bytes of UTF-8
         * @param publicKey       a PEM RSA (RS256) or EC P-256 (ES256) public key
         * @param jwkSetUri       an identity provider's JWKS URL (RS256, ES256)
         * @param jwkSetCacheTtl  how long fetched keys are used before they are fetched again
         * @param issuer          when set, the {@code iss} every token must carry
         * @param audience        when set, a token's {@code aud} must name one of these
         * @param clockSkew       leeway for {@code exp}/{@code nbf}; streams end at {@code exp} plus this
         * @param publisher       keys for {@code POST /api/events} only, instead of the ones above
         * @param subscriber      keys for {@code GET /api/subscribe} only, instead of the ones above
         */
        public record Jwt(String secret, String publicKey, String jwkSetUri,
                          @DefaultValue("5m") Duration jwkSetCacheTtl, String issuer, java.util.List<String> audience,
                          @DefaultValue("30s") Duration clockSkew, Keys publisher, Keys subscriber) {

            public Jwt {
                positive(jwkSetCacheTtl, "herald.security.jwt.jwk-set-cache-ttl");
                if (clockSkew == null || clockSkew.isNegative()) {
                    throw new IllegalArgumentException("herald.security.jwt.clock-skew must not be negative");
                }
                audience = audience == null ? java.util.List.of() : java.util.List.copyOf(audience);
            }

            /** The common keys. */
            public Keys keys() {
                return new Keys(secret, publicKey, jwkSetUri);
            }

            @Override
            public String toString() {
                return "Jwt[secret=" + (secret == null ? "unset" : "******") + ", publicKey=" + (publicKey == null ? "unset" : "set")
                        + ", jwkSetUri=" + jwkSetUri + ", issuer=" + issuer + ", audience=" + audience + ", clockSkew="
                        + clockSkew + ", publisher=" + publisher + ", subscriber=" + subscriber + "]";
            }
        }

        /** One role's keys: at most one of the three may be set. */
        public record Keys(String secret, String publicKey, String jwkSetUri) {

            public boolean configured() {
                return has(secret) || has(publicKey) || has(jwkSetUri);
            }

            private static boolean has(String value) {
                return value != null && !value.isBlank();
            }

            @Override
            public String toString() {
                return "Keys[secret=" + (secret == null ? "unset" : "******") + ", publicKey="
                        + (publicKey == null ? "unset" : "set") + ", jwkSetUri=" + jwkSetUri + "]";
            }
        }
    }

    /**
     * @param type      the event log: {@code memory} here; other store modules add their own names
     * @param maxEvents events kept for replay at most
     * @param maxAge    events older than this are dropped; a client whose last id is gone gets a reset
     * @param replayCacheEvents the newest events each node also keeps in memory, encoded, so that
     *                  resuming streams are replayed without reading the store (0: always read it)
     * @param replayCacheSize   at most this much event data in that cache
     */
    public record Store(
            @DefaultValue("memory") String type,
            @DefaultValue("10000") int maxEvents,
            @DefaultValue("1h") Duration maxAge,
            @DefaultValue("4096") int replayCacheEvents,
            @DefaultValue("16MB") DataSize replayCacheSize) {

        public Store {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("herald.store.type must name a store, e.g. memory");
            }
            if (maxEvents < 1) {
                throw new IllegalArgumentException("herald.store.max-events must be at least 1, not " + maxEvents);
            }
            positive(maxAge, "herald.store.max-age");
            if (replayCacheEvents < 0) {
                throw new IllegalArgumentException(
                        "herald.store.replay-cache-events must not be negative (0 turns the cache off), not " + replayCacheEvents);
            }
            if (replayCacheSize == null || replayCacheSize.isNegative()) {
                throw new IllegalArgumentException("herald.store.replay-cache-size must not be negative, not " + replayCacheSize);
            }
        }

        public RetentionPolicy retention() {
            return new RetentionPolicy(maxEvents, maxAge);
        }
    }

    /**
     * @param events publish a private {@code herald.subscription} event on {@code subscriptions/<topic>}
     *               when a subscriber of {@code <topic>} comes or goes (docs/api.md)
     */
    public record Presence(@DefaultValue("false") boolean events) {
    }

    /**
     * @param allowedOrigins browser origins ({@code https://app.example.com}) that may call the API
     *                       with credentials; {@code *} allows any origin but without credentials.
     *                       Requests from the hub's own origin are always allowed.
     */
    public record Cors(java.util.List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? java.util.List.of() : java.util.List.copyOf(allowedOrigins);
            for (String origin : allowedOrigins) {
                if (!"*".equals(origin) && !origin.matches("https?://[^/?#\\s]+")) {
                    throw new IllegalArgumentException("herald.cors.allowed-origins: '" + origin
                            + "' is not an origin; write scheme://host[:port] without a path, e.g. https://app.example.com");
                }
            }
        }
    }

    /**
     * Abuse limits; each is answered with a 429 or 413 problem that names the property.
     *
     * @param maxConnectionsPerUser    live streams one user may hold at once
     * @param maxConnectionsPerAddress live streams one remote address may hold at once
     * @param subscribeRate            stream openings per second per remote address (sustained)
     * @param subscribeBurst           stream openings one address may make at once before the rate applies
     * @param publishRate              publishes per second per token holder (its {@code sub}), sustained
     * @param publishBurst             publishes one token holder may make at once
     * @param maxTopicsPerSubscription {@code topic} parameters per stream
     * @param maxQueryLength           characters of a request's query string
     */
    public record Limits(
            @DefaultValue("20") int maxConnectionsPerUser,
            @DefaultValue("200") int maxConnectionsPerAddress,
            @DefaultValue("10") double subscribeRate,
            @DefaultValue("40") int subscribeBurst,
            @DefaultValue("100") double publishRate,
            @DefaultValue("200") int publishBurst,
            @DefaultValue("100") int maxTopicsPerSubscription,
            @DefaultValue("4096") int maxQueryLength) {

        public Limits {
            atLeastOne(maxConnectionsPerUser, "herald.limits.max-connections-per-user");
            atLeastOne(maxConnectionsPerAddress, "herald.limits.max-connections-per-address");
            atLeastOne(subscribeBurst, "herald.limits.subscribe-burst");
            atLeastOne(publishBurst, "herald.limits.publish-burst");
            atLeastOne(maxTopicsPerSubscription, "herald.limits.max-topics-per-subscription");
            atLeastOne(maxQueryLength, "herald.limits.max-query-length");
            if (!(subscribeRate > 0) || !(publishRate > 0)) {
                throw new IllegalArgumentException("herald.limits.subscribe-rate and publish-rate must be positive");
            }
        }

        private static void atLeastOne(int value, String property) {
            if (value < 1) {
                throw new IllegalArgumentException(property + " must be at least 1, not " + value);
            }
        }
    }

    private static void positive(Duration value, String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
        }
    }
}
