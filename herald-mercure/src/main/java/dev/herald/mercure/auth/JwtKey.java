package dev.herald.mercure.auth;

import java.nio.charset.StandardCharsets;

/**
 * An HS256 key: the UTF-8 bytes of a configured secret. RFC 7518 requires an HMAC key at least as
 * long as the hash (32 bytes for HS256) and Nimbus refuses shorter ones, so a short secret is
 * refused when the hub starts rather than on the first request.
 */
public final class JwtKey {

    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private JwtKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException saying what is wrong with the secret */
    public static JwtKey fromSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the secret is " + bytes.length + " bytes long; HS256 needs at least "
                    + MIN_BYTES + " bytes");
        }
        return new JwtKey(bytes);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "JwtKey[HS256, " + bytes.length + " bytes]";
    }
}
