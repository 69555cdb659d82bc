package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.core.testing.SseStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** With a configured secret, demo mode is off: no generated key, no token endpoint; the operator's tokens work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.security.jwt.secret=" + HeraldServerConfiguredSecretTest.SECRET,
                "herald.store.type=memory"})
class HeraldServerConfiguredSecretTest {

    static final String SECRET = "an-operators-secret-of-at-least-32-bytes";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void demoTokenEndpointIsGone() {
        HttpResponse<String> response = new ServerHttp(port).get("/demo/token?user=alice");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new ServerHttp(port).get("/demo/connections").statusCode()).isEqualTo(404);
        assertThat(context.containsBean("demoTokens")).isFalse();
        assertThat(context.containsBean("demoSigningKey")).isFalse();
    }

    @Test
    void tokensSignedWithTheConfiguredSecretWork() throws Exception {
        ServerHttp http = new ServerHttp(port);
        String token = sign(new JWTClaimsSet.Builder().subject("operator")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("herald", Map.of("publish", List.of("users/{id}"))).build());

        try (SseStream stream = http.stream("/api/subscribe?access_token=" + token)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(http.publish(token, "{\"users\": [\"operator\"], \"data\": \"works\"}").statusCode()).isEqualTo(201);
            await().untilAsserted(() -> assertThat(stream.data()).containsExactly("works"));
        }
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
