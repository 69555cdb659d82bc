package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.UserId;
import dev.herald.core.presence.LiveSubscription;
import dev.herald.core.presence.NodeId;
import dev.herald.core.topic.TopicSelector;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A presence entry survives the trip through its hash value, whatever its user and selectors. */
class PresenceCodecTest {

    private static final NodeId NODE = new NodeId("hub-2:8080");

    @Test
    void aUsersSubscriptionWithTemplatesAndUnicodeRoundTrips() {
        LiveSubscription subscription = new LiveSubscription(NODE, "42", Optional.of(new UserId("zoë@example.com")),
                List.of(TopicSelector.parse("rooms/1"), TopicSelector.parse("books/{id}"),
                        TopicSelector.parse("https://example.com/a b"), TopicSelector.parse("users/zoë@example.com")),
                Instant.parse("2026-12-05T06:00:00.123Z"));

        String value = PresenceCodec.encode(subscription);

        assertThat(value).startsWith("1796450400123\nzoë@example.com\nrooms/1\n");
        assertSame(PresenceCodec.decode(NODE, "42", value), subscription);
    }

    @Test
    void anAnonymousSubscriptionToEverythingRoundTrips() {
        LiveSubscription anonymous = new LiveSubscription(NODE, "7", Optional.empty(), List.of(TopicSelector.parse("*")),
                Instant.ofEpochMilli(5));
        assertSame(PresenceCodec.decode(NODE, "7", PresenceCodec.encode(anonymous)), anonymous);
    }

    /** Equal but for template selectors, whose compiled patterns compare by identity: compare expressions. */
    private static void assertSame(LiveSubscription actual, LiveSubscription expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("selectors").isEqualTo(expected);
        assertThat(actual.selectors()).extracting(TopicSelector::expression)
                .containsExactlyElementsOf(expected.selectors().stream().map(TopicSelector::expression).toList());
        assertThat(actual.selectors()).extracting(Object::getClass)
                .containsExactlyElementsOf(expected.selectors().stream().map(Object::getClass).toList());
    }

    @Test
    void aValueItDidNotWriteIsRefused() {
        assertThatThrownBy(() -> PresenceCodec.decode(NODE, "1", "garbage")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresenceCodec.decode(NODE, "1", "x\nalice\nrooms/1")).isInstanceOf(IllegalArgumentException.class);
    }
}
