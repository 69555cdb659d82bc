package dev.herald.core.topic;

/** The selector {@code *}: every topic. */
public enum AnyTopic implements TopicSelector {
    INSTANCE;

    public static final String EXPRESSION = "*";

    @Override
    public boolean matches(Topic topic) {
        return true;
    }

    @Override
    public String expression() {
        return EXPRESSION;
    }
}
