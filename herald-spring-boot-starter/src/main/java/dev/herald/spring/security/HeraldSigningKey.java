package dev.herald.spring.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The HS256 key that signs and verifies Herald tokens: the UTF-8 bytes of
 * {@code herald.security.jwt.secret}. RFC 7518 requires an HMAC key at least as long as the hash
 * (32 bytes for HS256), and Nimbus refuses shorter ones, so a short secret is refused at start.
 */
public final class HeraldSigningKey {

    public static final int MIN_BYTES = 32;

    private final byte[] bytes;

    private HeraldSigningKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @throws IllegalArgumentException when the secret is blank or shorter than {@value #MIN_BYTES} bytes
     */
    public static HeraldSigningKey fromSecret(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("the JWT secret must not be blank");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the JWT secret is " + bytes.length + " bytes long; HS256 needs at least "
                    + MIN_BYTES + " bytes");
        }
        return new HeraldSigningKey(bytes);
    }

    /** A fresh random secret (256 bits, base64url), printable so that others can sign with it too. */
    public static String randomSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "HeraldSigningKey[HS256, " + bytes.length + " bytes]";
    }
}
