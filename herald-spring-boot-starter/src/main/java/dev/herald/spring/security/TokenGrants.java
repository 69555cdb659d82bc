package dev.herald.spring.security;

import dev.herald.core.topic.TopicSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code herald} claim of a token: {@code {"subscribe": [...], "publish": [...]}}, each a list of
 * topic selectors (exact topics, RFC 6570 templates or {@code *}).
 *
 * @param subscribe selectors whose private events the holder may receive
 * @param publish   selectors the holder may publish to
 */
public record TokenGrants(List<TopicSelector> subscribe, List<TopicSelector> publish) {

    public static final String CLAIM = "herald";
    public static final String SUBSCRIBE = "subscribe";
    public static final String PUBLISH = "publish";
    public static final TokenGrants NONE = new TokenGrants(List.of(), List.of());

    public TokenGrants {
        subscribe = List.copyOf(subscribe);
        publish = List.copyOf(publish);
    }

    /** Grants to receive private events of these selectors (read as {@link TopicSelector#parse}). */
    public TokenGrants withSubscribe(String... selectors) {
        return new TokenGrants(parseAll(List.of(selectors)), publish);
    }

    /** Grants to publish to these selectors (read as {@link TopicSelector#parse}). */
    public TokenGrants withPublish(String... selectors) {
        return new TokenGrants(subscribe, parseAll(List.of(selectors)));
    }

    /** The claim's JSON value, for signing. */
    public Map<String, Object> toClaim() {
        return Map.of(SUBSCRIBE, expressions(subscribe), PUBLISH, expressions(publish));
    }

    /**
     * Reads the claim as Nimbus hands it over (a JSON object as a {@code Map}, arrays as {@code List}s).
     *
     * @throws AuthenticationException (malformed token) when its shape or a selector is wrong
     */
    static TokenGrants fromClaim(Object claim) {
        if (claim == null) {
            return NONE;
        }
        if (!(claim instanceof Map<?, ?> map)) {
            throw malformed("claim '" + CLAIM + "' must be a JSON object with 'subscribe' and 'publish' arrays");
        }
        return new TokenGrants(selectors(map.get(SUBSCRIBE), SUBSCRIBE), selectors(map.get(PUBLISH), PUBLISH));
    }

    private static List<TopicSelector> selectors(Object value, String name) {
        if (value == null) {
            return List.of();
        }
        String claimName = CLAIM + "." + name;
        if (!(value instanceof List<?> list)) {
            throw malformed("claim '" + claimName + "' must be an array of topic selectors");
        }
        List<TopicSelector> selectors = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String expression)) {
                throw malformed("claim '" + claimName + "' must hold strings, not " + item);
            }
            try {
                selectors.add(TopicSelector.parse(expression));
            } catch (IllegalArgumentException e) {
                throw malformed("claim '" + claimName + "': " + e.getMessage());
            }
        }
        return selectors;
    }

    private static List<TopicSelector> parseAll(List<String> expressions) {
        return expressions.stream().map(TopicSelector::parse).toList();
    }

    private static List<String> expressions(List<TopicSelector> selectors) {
        return selectors.stream().map(TopicSelector::expression).toList();
    }

    private static AuthenticationException malformed(String reason) {
        return new AuthenticationException(new AuthenticationFailure.MalformedToken(reason));
    }
}
