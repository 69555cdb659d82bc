package dev.herald.mercure.auth;

import dev.herald.core.topic.Topic;
import dev.herald.mercure.topic.MercureSelector;
import java.util.List;
import java.util.Optional;

/**
 * What {@code mercure.publish} lets a publisher do, after the protocol's three cases: absent, an
 * empty array, or selectors.
 */
public sealed interface PublishRights {

    /**
     * Why an update may not be published, if it may not; the reason is sent to the publisher.
     *
     * @param topics      the update's topics, canonical first
     * @param privateUpdate whether the update is private
     */
    Optional<String> refusal(List<Topic> topics, boolean privateUpdate);

    /** No {@code mercure.publish} claim: the publisher may dispatch no update at all. */
    enum NotGranted implements PublishRights {
        INSTANCE;

        @Override
        public Optional<String> refusal(List<Topic> topics, boolean privateUpdate) {
            return Optional.of("the token has no 'mercure.publish' claim: it grants no right to publish");
        }
    }

    /** {@code mercure.publish: []}: public updates to any topic, no private update. */
    enum PublicUpdates implements PublishRights {
        INSTANCE;

        @Override
        public Optional<String> refusal(List<Topic> topics, boolean privateUpdate) {
            if (privateUpdate) {
                return Optional.of("the token's 'mercure.publish' claim is an empty array, which allows public updates"
                        + " only: list the topics (or \"*\") to publish private updates");
            }
            return Optional.empty();
        }
    }

    /** Selectors: every topic of the update must match one of them, private or not. */
    record Topics(List<MercureSelector> selectors) implements PublishRights {

        public Topics {
            selectors = List.copyOf(selectors);
        }

        @Override
        public Optional<String> refusal(List<Topic> topics, boolean privateUpdate) {
            for (Topic topic : topics) {
                if (selectors.stream().noneMatch(selector -> selector.matches(topic))) {
                    return Optional.of("the token's 'mercure.publish' claim does not cover the topic '" + topic.value()
                            + "'; every topic of an update must match one of its selectors");
                }
            }
            return Optional.empty();
        }
    }
}
