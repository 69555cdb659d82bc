package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, copy-on-write refinement and validation of {@link EventSourceOptions}. */
class EventSourceOptionsTest {

    private static final URI URI_ = URI.create("https://hub.example/streams/orders");

    @Test
    void defaults() {
        EventSourceOptions options = EventSourceOptions.of(URI_);
        assertThat(options.uri()).isEqualTo(URI_);
        assertThat(options.headers()).isEmpty();
        assertThat(options.reconnectPolicy()).isEqualTo(ReconnectPolicy.defaults());
        assertThat(options.readTimeout()).isEqualTo(EventSourceOptions.DEFAULT_READ_TIMEOUT);
        assertThat(options.lastEventId()).isEmpty();
        assertThat(options.bearerToken().get()).isNull();
        assertThat(options.httpClient()).isSameAs(EventSourceOptions.of(URI_).httpClient());
        assertThat(options.httpClient().followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
    }

    @Test
    void withersCopyAndLeaveTheOriginalUnchanged() {
        EventSourceOptions base = EventSourceOptions.of(URI_);
        HttpClient client = HttpClient.newHttpClient();
        EventSourceOptions refined = base
                .withHeader("X-Tenant", "acme")
                .withHeader("x-tenant", "second")
                .withInitialRetry(Duration.ofSeconds(2))
                .withMaxBackoff(Duration.ofMinutes(1))
                .withReadTimeout(Duration.ofSeconds(45))
                .withHttpClient(client)
                .withLastEventId("17")
                .withBearerToken("t0ken");
        assertThat(refined.headers()).containsExactly(Map.entry("X-Tenant", List.of("acme", "second")));
        assertThat(refined.reconnectPolicy().baseDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(refined.reconnectPolicy().maxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(refined.readTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(refined.httpClient()).isSameAs(client);
        assertThat(refined.lastEventId()).isEqualTo("17");
        assertThat(refined.bearerToken().get()).isEqualTo("t0ken");
        assertThat(base).isEqualTo(EventSourceOptions.of(URI_));
    }

    @Test
    void headersAreCopiedAndImmutable() {
        Map<String, List<String>> input = new HashMap<>();
        List<String> values = new ArrayList<>(List.of("a"));
        input.put("X-One", values);
        EventSourceOptions options = EventSourceOptions.of(URI_).withReadTimeout(Duration.ZERO);
        EventSourceOptions withMap = new EventSourceOptions(URI_, input, options.reconnectPolicy(),
                options.readTimeout(), options.httpClient(), "", options.bearerToken());
        values.add("b");
        input.put("X-Two", List.of("c"));
        assertThat(withMap.headers()).containsExactly(Map.entry("X-One", List.of("a")));
        assertThatThrownBy(() -> withMap.headers().put("X", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept", "cache-control", "LAST-EVENT-ID"})
    void headersManagedByTheSourceAreRejected(String name) {
        assertThatThrownBy(() -> EventSourceOptions.of(URI_).withHeader(name, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "Host", "Content-Length", "Upgrade", "bad name"})
    void headersHttpClientRefusesAreRejectedEarly(String name) {
        assertThatThrownBy(() -> EventSourceOptions.of(URI_).withHeader(name, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authorizationHeaderAndBearerTokenAreExclusive() {
        assertThatThrownBy(() -> EventSourceOptions.of(URI_).withHeader("Authorization", "Basic x").withBearerToken("t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSourceOptions.of(URI_).withBearerToken("t").withHeader("authorization", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventSourceOptions.of(URI_).withHeader("Authorization", "Basic x").headers()).hasSize(1);
        assertThatThrownBy(() -> EventSourceOptions.of(URI_).withBearerToken(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://hub.example/x", "file:///tmp/x", "/relative"})
    void onlyAbsoluteHttpUrisAreAccepted(String uri) {
        assertThatThrownBy(() -> EventSourceOptions.of(URI.create(uri))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidValues() {
        EventSourceOptions options = EventSourceOptions.of(URI_);
        assertThatThrownBy(() -> options.withReadTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withLastEventId("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withLastEventId("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.withHttpClient(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> EventSourceOptions.of(null)).isInstanceOf(NullPointerException.class);
    }
}
