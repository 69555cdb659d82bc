package dev.herald.mercure.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.hub.Hub;
import dev.herald.core.hub.HubOptions;
import dev.herald.core.log.InMemoryEventLog;
import dev.herald.core.log.RetentionPolicy;
import dev.herald.mercure.auth.AuthFailure;
import dev.herald.mercure.auth.JwtKey;
import dev.herald.mercure.auth.MercureAuthenticationException;
import dev.herald.mercure.auth.MercureTokenVerifier;
import dev.herald.mercure.auth.Role;
import dev.herald.mercure.history.LogHead;
import dev.herald.mercure.history.ResumePlanner;
import dev.herald.mercure.subscriptions.SubscriberTracking;
import dev.herald.mercure.support.Tokens;
import dev.herald.spring.config.HubLifecycle;
import dev.herald.spring.web.EmitterStreams;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** {@code herald.mercure.anonymous}: whether a subscriber without a token gets a stream at all. */
class AnonymousSubscribersTest {

    private final InMemoryEventLog log = new InMemoryEventLog(RetentionPolicy.DEFAULT);
    private final Hub hub = new Hub(log, HubOptions.DEFAULTS);

    @AfterEach
    void closeHub() {
        hub.close();
    }

    @Test
    void refusedUnlessAllowed() {
        assertThatThrownBy(() -> endpoint(false).subscribe(request(null)))
                .isInstanceOfSatisfying(MercureAuthenticationException.class,
                        e -> assertThat(e.failure()).isEqualTo(new AuthFailure.NoToken(Role.SUBSCRIBER)));
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void aTokenStillOpensAStreamWhenAnonymousSubscribersAreRefused() {
        assertThat(endpoint(false).subscribe(request(Tokens.subscriber("books"))).getStatusCode().value()).isEqualTo(200);
        assertThat(hub.connectionCount()).isOne();
    }

    @Test
    void acceptedWhenAllowed() {
        assertThat(endpoint(true).subscribe(request(null)).getStatusCode().value()).isEqualTo(200);
        assertThat(hub.connectionCount()).isOne();
    }

    private SubscribeEndpoint endpoint(boolean anonymous) {
        HubLifecycle lifecycle = new HubLifecycle(hub, Duration.ofSeconds(1));
        lifecycle.start();
        return new SubscribeEndpoint(new EmitterStreams(hub, Duration.ofMinutes(1)), lifecycle,
                new MercureTokenVerifier(JwtKey.fromSecret(Tokens.SUBSCRIBER_KEY), Role.SUBSCRIBER, Clock.systemUTC()),
                anonymous, new ResumePlanner(log, new LogHead(log)), SubscriberTracking.Untracked.INSTANCE);
    }

    private static MockHttpServletRequest request(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/.well-known/mercure");
        request.setQueryString("topic=books");
        if (token != null) {
            request.addHeader("Authorization", "Bearer " + token);
        }
        return request;
    }
}
