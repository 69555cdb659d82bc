package dev.herald.mercure.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code herald.mercure.*} properties: a public contract (docs/mercure.md).
 *
 * @param enabled          serve the Mercure protocol at {@code /.well-known/mercure}
 * @param publisherJwtKey  the HS256 secret of publishers' tokens (at least 32 bytes); required when enabled
 * @param subscriberJwtKey the HS256 secret of subscribers' tokens; the publisher key when unset
 * @param anonymous        whether subscribers without a token are accepted (public updates only)
 * @param corsOrigins      origins allowed to use the hub from a browser, with credentials ({@code *}: any, without)
 * @param subscriptions    publish subscription events and serve the subscriptions API
 */
@ConfigurationProperties("herald.mercure")
public record MercureProperties(
        @DefaultValue("false") boolean enabled,
        String publisherJwtKey,
        String subscriberJwtKey,
        @DefaultValue("false") boolean anonymous,
        @DefaultValue List<String> corsOrigins,
        @DefaultValue("false") boolean subscriptions) {

    public MercureProperties {
        corsOrigins = corsOrigins == null ? List.of() : corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "MercureProperties[enabled=" + enabled + ", publisherJwtKey=" + masked(publisherJwtKey)
                + ", subscriberJwtKey=" + masked(subscriberJwtKey) + ", anonymous=" + anonymous
                + ", corsOrigins=" + corsOrigins + ", subscriptions=" + subscriptions + "]";
    }

    private static String masked(String secret) {
        return secret == null ? "unset" : "******";
    }
}
