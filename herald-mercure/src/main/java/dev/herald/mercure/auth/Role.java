package dev.herald.mercure.auth;

/** Who presents a token: the protocol lets publishers and subscribers use different keys. */
public enum Role {
    PUBLISHER("publisher", "herald.mercure.publisher-jwt-key"),
    SUBSCRIBER("subscriber", "herald.mercure.subscriber-jwt-key");

    private final String noun;
    private final String keyProperty;

    Role(String noun, String keyProperty) {
        this.noun = noun;
        this.keyProperty = keyProperty;
    }

    public String noun() {
        return noun;
    }

    /** The property that holds this role's key, for start-up messages. */
    public String keyProperty() {
        return keyProperty;
    }
}
