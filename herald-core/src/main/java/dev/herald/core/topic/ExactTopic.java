package dev.herald.core.topic;

import java.util.Objects;

/** Matches one topic, by string equality. */
public record ExactTopic(Topic topic) implements TopicSelector {

    public ExactTopic {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public boolean matches(Topic candidate) {
        return topic.equals(candidate);
    }

    @Override
    public String expression() {
        return topic.value();
    }
}
