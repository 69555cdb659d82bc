package dev.herald.spring.config;

import dev.herald.core.hub.HubOptions;
import dev.herald.core.log.RetentionPolicy;
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
 */
@ConfigurationProperties("herald")
public record HeraldProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue Connection connection,
        @DefaultValue Publish publish,
        @DefaultValue Security security,
        @DefaultValue Store store) {

    public HeraldProperties {
        positive(heartbeat, "herald.heartbeat");
    }

    /** The hub's options; the replay page and write coalescing sizes keep the core's defaults. */
    public HubOptions hubOptions() {
        return new HubOptions(heartbeat, connection.maxLifetime(), connection.lifetimeJitter(),
                connection.clientRetry(), connection.outboxCapacity(), HubOptions.DEFAULT_REPLAY_PAGE_SIZE,
                HubOptions.DEFAULT_MAX_WRITE_BYTES);
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

    /** @param maxBytes the largest request body {@code POST /api/events} accepts (413 above) */
    public record Publish(@DefaultValue("64KB") DataSize maxBytes) {

        public Publish {
            if (maxBytes == null || maxBytes.toBytes() < 1 || maxBytes.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("herald.publish.max-bytes must be between 1B and 2GB, not " + maxBytes);
            }
        }
    }

    /**
     * @param anonymous whether {@code GET /api/subscribe} accepts requests without a token (public
     *                  events only); a token that is present is always checked
     * @param jwt       the key tokens are signed with
     */
    public record Security(@DefaultValue("false") boolean anonymous, @DefaultValue Jwt jwt) {

        /** @param secret the HS256 key, at least 32 bytes of UTF-8 */
        public record Jwt(String secret) {

            @Override
            public String toString() {
                return "Jwt[secret=" + (secret == null ? "unset" : "******") + "]";
            }
        }
    }

    /**
     * @param type      the event log: {@code memory} here; other store modules add their own names
     * @param maxEvents events kept for replay at most
     * @param maxAge    events older than this are dropped; a client whose last id is gone gets a reset
     */
    public record Store(
            @DefaultValue("memory") String type,
            @DefaultValue("10000") int maxEvents,
            @DefaultValue("1h") Duration maxAge) {

        public Store {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("herald.store.type must name a store, e.g. memory");
            }
            if (maxEvents < 1) {
                throw new IllegalArgumentException("herald.store.max-events must be at least 1, not " + maxEvents);
            }
            positive(maxAge, "herald.store.max-age");
        }

        public RetentionPolicy retention() {
            return new RetentionPolicy(maxEvents, maxAge);
        }
    }

    private static void positive(Duration value, String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
        }
    }
}
