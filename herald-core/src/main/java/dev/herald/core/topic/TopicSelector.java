package dev.herald.core.topic;

/**
 * Chooses topics: a subscriber's interest, or a grant in a token.
 *
 * <ul>
 *   <li>{@code *} matches every topic ({@link AnyTopic});</li>
 *   <li>a string with a {@code {expression}} is an RFC 6570 URI template ({@link TemplateSelector});</li>
 *   <li>anything else matches exactly that topic ({@link ExactTopic}).</li>
 * </ul>
 * The hub indexes exact selectors by topic and checks the other two separately, so exact
 * selectors cost nothing per event that does not name their topic.
 */
public sealed interface TopicSelector permits ExactTopic, TemplateSelector, AnyTopic {

    boolean matches(Topic topic);

    /** The selector as the user wrote it. */
    String expression();

    /**
     * Reads a selector.
     *
     * @throws InvalidSelectorException with a message that says what to fix
     */
    static TopicSelector parse(String expression) {
        if (expression == null || expression.isEmpty()) {
            throw new InvalidSelectorException("a topic selector must not be empty");
        }
        if (expression.equals(AnyTopic.EXPRESSION)) {
            return AnyTopic.INSTANCE;
        }
        if (expression.indexOf('{') >= 0 || expression.indexOf('}') >= 0) {
            return TemplateSelector.compile(expression);
        }
        try {
            return new ExactTopic(new Topic(expression));
        } catch (IllegalArgumentException e) {
            throw new InvalidSelectorException(e.getMessage());
        }
    }
}
