package dev.herald.mercure.config;

import dev.herald.mercure.auth.JwtKey;
import dev.herald.mercure.auth.Role;
import dev.herald.spring.config.HeraldConfigurationException;

/**
 * The keys of publishers' and subscribers' tokens, checked when the hub starts so that a missing or
 * short secret stops the application with a message naming the property.
 */
record MercureKeys(JwtKey publisher, JwtKey subscriber) {

    static MercureKeys from(MercureProperties properties) {
        if (properties.publisherJwtKey() == null || properties.publisherJwtKey().isBlank()) {
            throw new HeraldConfigurationException(
                    "herald.mercure.enabled is true but " + Role.PUBLISHER.keyProperty() + " is not set: the Mercure hub"
                            + " cannot verify publishers' tokens",
                    "Set " + Role.PUBLISHER.keyProperty() + " (env HERALD_MERCURE_PUBLISHER_JWT_KEY) to the HS256 secret,"
                            + " at least " + JwtKey.MIN_BYTES + " bytes, that your publishers sign their tokens with;"
                            + " or set herald.mercure.enabled=false.");
        }
        JwtKey publisher = key(properties.publisherJwtKey(), Role.PUBLISHER);
        boolean separate = properties.subscriberJwtKey() != null && !properties.subscriberJwtKey().isBlank();
        return new MercureKeys(publisher, separate ? key(properties.subscriberJwtKey(), Role.SUBSCRIBER) : publisher);
    }

    private static JwtKey key(String secret, Role role) {
        try {
            return JwtKey.fromSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new HeraldConfigurationException(role.keyProperty() + " is unusable: " + e.getMessage(),
                    "Use a secret of at least " + JwtKey.MIN_BYTES + " bytes, e.g. the output of 'openssl rand -base64 32',"
                            + " and sign the " + role.noun() + "s' tokens (HS256) with it.");
        }
    }
}
