package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request of one connection attempt, and the response check. */
class StreamRequestsTest {

    private static final EventSourceOptions OPTIONS = EventSourceOptions.of(URI.create("http://127.0.0.1:1/s?x=1"));

    @Test
    void carriesTheSpecHeadersConfiguredHeadersAndTimeout() {
        HttpRequest request = StreamRequests.build(OPTIONS.withHeader("X-A", "1").withHeader("X-A", "2")
                .withReadTimeout(Duration.ofSeconds(7)), "");
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri()).isEqualTo(OPTIONS.uri());
        assertThat(request.headers().allValues("Accept")).containsExactly("text/event-stream");
        assertThat(request.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(request.headers().allValues("X-A")).containsExactly("1", "2");
        assertThat(request.headers().firstValue("Last-Event-ID")).isEmpty();
        assertThat(request.headers().firstValue("Authorization")).isEmpty();
        assertThat(request.timeout()).contains(Duration.ofSeconds(7));
    }

    @Test
    void noTimeoutWhenTheReadTimeoutIsDisabled() {
        assertThat(StreamRequests.build(OPTIONS.withReadTimeout(Duration.ZERO), "").timeout()).isEmpty();
    }

    @Test
    void lastEventIdIsSentWhenNonEmptyAscii() {
        assertThat(StreamRequests.build(OPTIONS, "evt 42").headers().allValues("Last-Event-ID"))
                .containsExactly("evt 42");
        assertThat(StreamRequests.build(OPTIONS, "caf\u00e9").headers().firstValue("Last-Event-ID")).isEmpty();
        assertThat(StreamRequests.build(OPTIONS, "tab\there").headers().firstValue("Last-Event-ID")).isEmpty();
    }

    @Test
    void bearerTokenIsAskedForEachRequestAndBlankMeansNone() {
        AtomicInteger calls = new AtomicInteger();
        List<String> tokens = List.of("one", "", "three");
        EventSourceOptions options = OPTIONS.withBearerToken(() -> tokens.get(calls.getAndIncrement()));
        assertThat(StreamRequests.build(options, "").headers().allValues("Authorization")).containsExactly("Bearer one");
        assertThat(StreamRequests.build(options, "").headers().firstValue("Authorization")).isEmpty();
        assertThat(StreamRequests.build(options, "").headers().allValues("Authorization")).containsExactly("Bearer three");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/event-stream", "Text/Event-Stream", "text/event-stream;charset=utf-8",
        "  text/event-stream  ; x=y"})
    void eventStreamContentTypes(String contentType) {
        assertThat(ResponseCheck.isEventStream(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "text/event-stream-x", "text/eventstream", "application/event-stream"})
    void otherContentTypes(String contentType) {
        assertThat(ResponseCheck.isEventStream(contentType)).isFalse();
    }

    @Test
    void retryableStatusesAreExactlyTheGatewayOnes() {
        for (int status = 100; status < 600; status++) {
            assertThat(new UnexpectedStatus(status).retryable()).as("HTTP %d", status)
                    .isEqualTo(status == 502 || status == 503 || status == 504);
        }
    }
}
