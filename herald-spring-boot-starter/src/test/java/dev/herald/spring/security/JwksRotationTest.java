package dev.herald.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.herald.core.event.UserId;
import dev.herald.spring.support.TestKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A JWKS served by a local HTTP server: keys are fetched and cached; after a rotation, a token with
 * the new {@code kid} triggers one refetch and is accepted, and a token of the removed key is refused.
 */
class JwksRotationTest {

    private final RSAKey oldKey = TestKeys.rsa("old");
    private final RSAKey newKey = TestKeys.rsa("new");
    private final AtomicReference<JWKSet> served = new AtomicReference<>(new JWKSet(oldKey.toPublicJWK()));
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer server;
    private TokenVerifier verifier;

    @BeforeEach
    void serveJwks() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = served.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        verifier = new TokenVerifier(VerificationKeys.jwkSetUri(uri, Duration.ofMinutes(5)), TokenPolicy.STRICT, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rotationAcceptsTheNewKeyAtOnceAndRefusesTheOldOne() {
        String oldToken = TestKeys.sign(oldKey, TestKeys.claims("alice").build());
        assertThat(verifier.verify(oldToken).user()).isEqualTo(UserId.of("alice"));
        assertThat(verifier.verify(oldToken).user()).isEqualTo(UserId.of("alice"));
        assertThat(fetches).hasValue(1); // cached

        served.set(new JWKSet(newKey.toPublicJWK()));
        String newToken = TestKeys.sign(newKey, TestKeys.claims("bob").build());

        assertThat(verifier.verify(newToken).user()).isEqualTo(UserId.of("bob"));
        assertThat(fetches).hasValue(2); // one refetch for the unknown kid
        Throwable refused = catchThrowable(() -> verifier.verify(oldToken));
        assertThat(refused).isInstanceOf(AuthenticationException.class).hasMessageContaining("unknown key: no key with kid 'old'");
    }

    @Test
    void unreachableJwksIsKeysUnavailableNotABadToken() {
        server.stop(0);
        String token = TestKeys.sign(oldKey, TestKeys.claims("alice").build());

        Throwable thrown = catchThrowable(() -> verifier.verify(token));

        assertThat(thrown).isInstanceOf(AuthenticationException.class).hasMessageContaining("cannot fetch its verification keys");
        assertThat(((AuthenticationException) thrown).failure()).isInstanceOf(AuthenticationFailure.KeysUnavailable.class);
    }
}
