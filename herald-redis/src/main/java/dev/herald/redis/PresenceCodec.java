package dev.herald.redis;

import dev.herald.core.event.UserId;
import dev.herald.core.presence.LiveSubscription;
import dev.herald.core.presence.NodeId;
import dev.herald.core.topic.TopicSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A presence hash value: LF-separated lines, the opening time in epoch milliseconds, the user
 * (empty when anonymous), then one selector per line. Neither user ids nor selectors may hold a
 * control character, so LF cannot occur inside a line.
 */
final class PresenceCodec {

    private PresenceCodec() {
    }

    static String encode(LiveSubscription subscription) {
        StringBuilder out = new StringBuilder(64);
        out.append(subscription.since().toEpochMilli()).append('\n');
        out.append(subscription.user().map(UserId::value).orElse(""));
        for (TopicSelector selector : subscription.selectors()) {
            out.append('\n').append(selector.expression());
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException when the value is not one this codec wrote
     */
    static LiveSubscription decode(NodeId node, String id, String value) {
        String[] lines = value.split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("a presence entry needs a time, a user and a selector: " + value);
        }
        Instant since = Instant.ofEpochMilli(Long.parseLong(lines[0]));
        Optional<UserId> user = lines[1].isEmpty() ? Optional.empty() : Optional.of(new UserId(lines[1]));
        List<TopicSelector> selectors = new ArrayList<>(lines.length - 2);
        for (int i = 2; i < lines.length; i++) {
            selectors.add(TopicSelector.parse(lines[i]));
        }
        return new LiveSubscription(node, id, user, selectors, since);
    }
}
