package dev.herald.bench.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 JSON Web Tokens without a library: {@code base64url(header).base64url(claims).base64url(HMAC-SHA256)}.
 * Herald's claims are {@code sub}, {@code exp} and {@code herald: {"subscribe": [...], "publish": [...]}}.
 * Thread-safe: a {@link Mac} is created per token (cheap next to a TCP handshake).
 */
public final class JwtMinter {

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public JwtMinter(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a JWT secret is required");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A Herald token for {@code subject}, valid for {@code ttl}. */
    public String mint(String subject, List<String> subscribe, List<String> publish, Duration ttl) {
        long exp = Instant.now().plus(ttl).getEpochSecond();
        String claims = "{\"sub\":" + json(subject)
                + ",\"iat\":" + Instant.now().getEpochSecond()
                + ",\"exp\":" + exp
                + ",\"herald\":{\"subscribe\":" + jsonArray(subscribe) + ",\"publish\":" + jsonArray(publish) + "}}";
        return sign(claims);
    }

    /** Signs an arbitrary claims object (already JSON) under the fixed HS256 header. */
    public String sign(String claimsJson) {
        String signingInput = b64(HEADER) + "." + b64(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String b64(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(JwtMinter::json).collect(Collectors.joining(",", "[", "]"));
    }

    static String json(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
