package dev.herald.mercure.auth;

import dev.herald.core.topic.InvalidSelectorException;
import dev.herald.mercure.topic.MercureSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code mercure} claim of a token.
 *
 * @param publish   what the holder may publish
 * @param subscribe selectors of the topics whose private updates the holder may receive
 * @param payload   {@code mercure.payload}: any JSON value, shown in the holder's subscriptions
 */
public record MercureClaims(PublishRights publish, List<MercureSelector> subscribe, Optional<Object> payload) {

    public static final String CLAIM = "mercure";
    /** The namespaced spelling the reference hub also accepts. */
    public static final String NAMESPACED_CLAIM = "https://mercure.rocks/";
    public static final MercureClaims NONE = new MercureClaims(PublishRights.NotGranted.INSTANCE, List.of(), Optional.empty());

    public MercureClaims {
        subscribe = List.copyOf(subscribe);
    }

    /**
     * Reads the claim as Nimbus hands it over: a JSON object as a {@code Map}, arrays as {@code List}s.
     *
     * @throws MercureAuthenticationException (malformed token) when its shape or a selector is wrong
     */
    static MercureClaims fromClaim(Object claim) {
        if (claim == null) {
            return NONE;
        }
        if (!(claim instanceof Map<?, ?> map)) {
            throw malformed("claim '" + CLAIM + "' must be a JSON object with 'publish', 'subscribe' and 'payload'");
        }
        Object publish = map.get("publish");
        PublishRights rights;
        if (publish == null) {
            rights = PublishRights.NotGranted.INSTANCE;
        } else {
            List<MercureSelector> selectors = selectors(publish, "publish");
            rights = selectors.isEmpty() ? PublishRights.PublicUpdates.INSTANCE : new PublishRights.Topics(selectors);
        }
        Object subscribe = map.get("subscribe");
        return new MercureClaims(rights, subscribe == null ? List.of() : selectors(subscribe, "subscribe"),
                Optional.ofNullable(map.get("payload")));
    }

    private static List<MercureSelector> selectors(Object value, String name) {
        String claimName = CLAIM + "." + name;
        if (!(value instanceof List<?> list)) {
            throw malformed("claim '" + claimName + "' must be an array of topic selectors");
        }
        List<MercureSelector> selectors = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String expression)) {
                throw malformed("claim '" + claimName + "' must hold strings, not " + item);
            }
            try {
                selectors.add(MercureSelector.parse(expression));
            } catch (InvalidSelectorException e) {
                throw malformed("claim '" + claimName + "': " + e.getMessage());
            }
        }
        return selectors;
    }

    private static MercureAuthenticationException malformed(String reason) {
        return new MercureAuthenticationException(new AuthFailure.Malformed(reason));
    }
}
