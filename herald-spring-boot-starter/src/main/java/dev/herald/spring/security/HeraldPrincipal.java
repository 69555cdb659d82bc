package dev.herald.spring.security;

import dev.herald.core.event.UserId;
import dev.herald.core.topic.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The holder of a verified token.
 *
 * @param user      the {@code sub} claim
 * @param grants    the {@code herald} claim; the user's personal topic is always granted on top
 * @param expiresAt when a stream of this holder ends: the {@code exp} claim plus the clock-skew leeway,
 *                  when the token has one
 */
public record HeraldPrincipal(UserId user, TokenGrants grants, Optional<Instant> expiresAt) implements Caller {

    public HeraldPrincipal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(grants, "grants");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The first of {@code topics} that no {@code herald.publish} selector covers, if any. */
    public Optional<Topic> firstTopicNotPublishable(List<Topic> topics) {
        for (Topic topic : topics) {
            if (grants.publish().stream().noneMatch(grant -> grant.matches(topic))) {
                return Optional.of(topic);
            }
        }
        return Optional.empty();
    }
}
