package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.RawResponse;
import dev.herald.spring.support.OpenHubTestSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A refused publish leaves the connection usable for the client's next request, even when the
 * refusal is decided before the body has arrived (HTTP clients send the body after the headers),
 * by the endpoint or by a filter in front of it; a body the hub will not read says
 * {@code Connection: close} instead of the connection vanishing under the client's next request.
 */
class PublishKeepAliveTest extends OpenHubTestSupport {

    private static final String VALID = "{\"topics\": [\"keep-alive\"], \"data\": \"x\"}";

    @Test
    void anEndpointsRefusalBeforeTheBodyArrivedKeepsTheConnectionForTheNextRequest() throws Exception {
        assertRefusedThenAccepted("/api/events", "", "text/plain", 415);
    }

    @Test
    void aFiltersRefusalBeforeTheBodyArrivedKeepsTheConnectionForTheNextRequest() throws Exception {
        // the query-length and CORS filters decide from the head, before the publish endpoint reads anything
        assertRefusedThenAccepted("/api/events?topic=" + "x".repeat(5000), "", "application/json", 414);
        assertRefusedThenAccepted("/api/events", "Origin: https://evil.example\r\n", "application/json", 403);
    }

    @Test
    void aBodyDeclaredOverTheLimitIsNotReadAndTheConnectionCloses() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("/api/events", "", "application/json", 10 * 1024 * 1024));
            out.flush();
            RawResponse refused = RawResponse.read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.closesConnection()).isTrue();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    /** A publish refused with {@code status} while its body is still to come, then a valid one on the same connection. */
    private void assertRefusedThenAccepted(String path, String extraHeaders, String contentType, int status) throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(path, extraHeaders, contentType, VALID.length()));
            out.flush();
            Thread.sleep(300); // the body comes late, in its own packet
            out.write(VALID.getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawResponse refused = RawResponse.read(socket.getInputStream());

            out.write(head("/api/events", "", "application/json", VALID.length()));
            out.write(VALID.getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawResponse accepted = RawResponse.read(socket.getInputStream());

            assertThat(refused.status()).as(refused.head()).isEqualTo(status);
            assertThat(refused.closesConnection()).isFalse();
            assertThat(accepted.status()).isEqualTo(201);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private byte[] head(String path, String extraHeaders, String contentType, int contentLength) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders + "Authorization: Bearer "
                + publisher + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
