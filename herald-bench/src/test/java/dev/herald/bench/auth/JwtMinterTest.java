package dev.herald.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class JwtMinterTest {

    @Test
    void reproducesTheWellKnownHs256Example() {
        // the example token of RFC-style tutorials and jwt.io
        String token = new JwtMinter("your-256-bit-secret")
                .sign("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}");
        assertThat(token).isEqualTo("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
                + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
    }

    @Test
    void heraldTokenCarriesSubjectExpiryAndHeraldClaims() throws Exception {
        String token = new JwtMinter("s3cret").mint("alice", List.of("users/alice", "news"), List.of("*"),
                Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"alice\"")
                .contains("\"herald\":{\"subscribe\":[\"users/alice\",\"news\"],\"publish\":[\"*\"]}");
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertThat(exp).isBetween(Instant.now().getEpochSecond() + 290, Instant.now().getEpochSecond() + 310);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
        assertThat(parts[2]).doesNotContain("=", "+", "/");
    }

    @Test
    void escapesJsonInClaims() {
        assertThat(JwtMinter.json("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> new JwtMinter("")).isInstanceOf(IllegalArgumentException.class);
    }
}
