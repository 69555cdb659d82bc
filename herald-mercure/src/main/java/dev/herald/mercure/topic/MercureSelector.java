package dev.herald.mercure.topic;

import dev.herald.core.topic.AnyTopic;
import dev.herald.core.topic.ExactTopic;
import dev.herald.core.topic.InvalidSelectorException;
import dev.herald.core.topic.TemplateSelector;
import dev.herald.core.topic.Topic;
import dev.herald.core.topic.TopicSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A topic selector as Mercure reads one: {@code *} matches every topic; any selector matches the
 * identical string (so a URI template also "matches" itself, which authorizes template
 * subscriptions); a valid RFC 6570 URI template also matches every topic it expands to; a string
 * that is no valid template matches only itself.
 *
 * <p>Herald's {@link TopicSelector#parse} refuses a string that looks like a template but is not
 * one, and a template does not always match its own text; Mercure does neither, so a Mercure
 * selector is the small set of Herald selectors that together match what it matches. The hub
 * indexes the exact ones, so the extra exact matcher costs nothing per event.
 *
 * @param expression the selector as the client wrote it
 * @param matchers   Herald selectors matching exactly what {@code expression} matches
 */
public record MercureSelector(String expression, List<TopicSelector> matchers) {

    public static final String ANY = AnyTopic.EXPRESSION;

    public MercureSelector {
        Objects.requireNonNull(expression, "expression");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a selector needs at least one matcher");
        }
    }

    /**
     * Reads a selector.
     *
     * @throws InvalidSelectorException when the string can be no topic at all (empty, too long, with
     *                                  control characters); the message says what to fix
     */
    public static MercureSelector parse(String expression) {
        if (ANY.equals(expression)) {
            return new MercureSelector(expression, List.of(AnyTopic.INSTANCE));
        }
        ExactTopic exact;
        try {
            exact = new ExactTopic(new Topic(expression == null ? "" : expression));
        } catch (IllegalArgumentException e) {
            throw new InvalidSelectorException("invalid topic selector: " + e.getMessage());
        }
        if (expression.indexOf('{') < 0 && expression.indexOf('}') < 0) {
            return new MercureSelector(expression, List.of(exact));
        }
        try {
            return new MercureSelector(expression, List.of(exact, TemplateSelector.compile(expression)));
        } catch (InvalidSelectorException notATemplate) {
            // the protocol: "if the topic selector is a valid URI Template ..."; otherwise a plain string
            return new MercureSelector(expression, List.of(exact));
        }
    }

    /** Reads every selector, in order. */
    public static List<MercureSelector> parseAll(Collection<String> expressions) {
        List<MercureSelector> selectors = new ArrayList<>(expressions.size());
        for (String expression : expressions) {
            selectors.add(parse(expression));
        }
        return selectors;
    }

    /** The Herald selectors of all of {@code selectors}, for a {@code Subscription}. */
    public static List<TopicSelector> matchersOf(Collection<MercureSelector> selectors) {
        List<TopicSelector> all = new ArrayList<>();
        for (MercureSelector selector : selectors) {
            all.addAll(selector.matchers());
        }
        return all;
    }

    public boolean matches(Topic topic) {
        for (TopicSelector matcher : matchers) {
            if (matcher.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this selector matches one of {@code topics}. */
    public boolean matchesAny(Collection<Topic> topics) {
        for (Topic topic : topics) {
            if (matches(topic)) {
                return true;
            }
        }
        return false;
    }
}
