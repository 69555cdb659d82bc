package dev.herald.core.hub;

import dev.herald.core.event.EventId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to open a stream.
 *
 * @param subscription what the stream receives
 * @param lastEventId  where to resume from; empty for live events only
 * @param credentialsExpireAt when the subscriber's credentials expire: the stream ends then
 */
public record SubscribeRequest(Subscription subscription, Optional<EventId> lastEventId, Optional<Instant> credentialsExpireAt) {

    public SubscribeRequest {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(credentialsExpireAt, "credentialsExpireAt");
    }

    public static SubscribeRequest live(Subscription subscription) {
        return new SubscribeRequest(subscription, Optional.empty(), Optional.empty());
    }

    public SubscribeRequest resumingAfter(EventId id) {
        return new SubscribeRequest(subscription, Optional.of(id), credentialsExpireAt);
    }

    public SubscribeRequest expiringAt(Instant expiry) {
        return new SubscribeRequest(subscription, lastEventId, Optional.of(expiry));
    }
}
