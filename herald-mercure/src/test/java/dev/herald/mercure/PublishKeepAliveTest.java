package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.RawResponse;
import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A publish refused before its body has arrived (its declared length is over the limit, or it comes
 * from an origin the hub refuses) still gets its answer, and the connection carries the publisher's
 * next update: the hub drops the rest of the body rather than closing on unread bytes, which resets
 * the connection under the answer or fails the client's next request on it.
 */
class PublishKeepAliveTest extends MercureHubTest {

    private final byte[] small = Form.of("topic", uniqueTopic("small"), "data", "x").encoded()
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void aBodyOverTheLimitIsAnswered413AndTheConnectionCarriesTheNextUpdate() throws Exception {
        String bearer = "Authorization: Bearer " + Tokens.publisher("*");
        byte[] tooLarge = Form.of("topic", uniqueTopic("big"), "data", "x".repeat(70 * 1024)).encoded()
                .getBytes(StandardCharsets.US_ASCII);

        List<RawResponse> responses = refusedThenNext(bearer, tooLarge, bearer);

        assertThat(responses.get(0).status()).isEqualTo(413);
        assertThat(responses.get(0).body()).contains("herald.publish.max-bytes");
        assertThat(responses.get(0).closesConnection()).isFalse();
        assertThat(responses.get(1).status()).isEqualTo(200);
        assertThat(responses.get(1).body()).contains("urn:uuid:");
    }

    @Test
    void aCrossOriginRefusalBeforeTheBodyArrivedKeepsTheConnectionForTheNextUpdate() throws Exception {
        String cookie = "Cookie: mercureAuthorization=" + Tokens.publisher("*");

        List<RawResponse> responses = refusedThenNext(cookie + "\r\nOrigin: https://evil.example", small,
                cookie + "\r\nOrigin: " + ALLOWED_ORIGIN);

        assertThat(responses.get(0).status()).isEqualTo(403);
        assertThat(responses.get(0).body()).contains("cross-origin request refused");
        assertThat(responses.get(0).closesConnection()).isFalse();
        assertThat(responses.get(1).status()).isEqualTo(200);
        assertThat(responses.get(1).body()).contains("urn:uuid:");
    }

    /**
     * On one connection: a publish with these header lines whose body comes after the hub has
     * decided (as HTTP clients send it), then a small publish with {@code nextHeaders}.
     */
    private List<RawResponse> refusedThenNext(String headers, byte[] body, String nextHeaders)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(headers, body.length));
            out.flush();
            Thread.sleep(300);
            out.write(body);
            out.flush();
            RawResponse refused = RawResponse.read(socket.getInputStream());

            out.write(head(nextHeaders, small.length));
            out.write(small);
            out.flush();
            return List.of(refused, RawResponse.read(socket.getInputStream()));
        }
    }

    /** A form post's head with these extra header lines. */
    private byte[] head(String headers, int length) {
        return ("POST /.well-known/mercure HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
