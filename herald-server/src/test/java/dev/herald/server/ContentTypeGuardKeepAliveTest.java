package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.testing.RawResponse;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The 415 for an unusable {@code Content-Type} is decided from the head alone, before the body has
 * arrived: the connection still carries the publisher's next request, as HTTP clients that reuse
 * connections expect (a refusal followed by a silent close fails the next request on it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"herald.security.jwt.secret=" + ServerTokens.SECRET, "herald.store.type=memory"})
class ContentTypeGuardKeepAliveTest {

    private static final byte[] EVENT = "{\"topics\": [\"guard\"], \"data\": \"x\"}".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;

    @Test
    void aWildcardContentTypeIsRefusedAndTheConnectionCarriesTheNextPublish() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("*/*"));
            out.flush();
            Thread.sleep(300); // the guard has answered by now; the body is still to come
            out.write(EVENT);
            out.flush();
            RawResponse refused = RawResponse.read(socket.getInputStream());

            out.write(head("application/json"));
            out.write(EVENT);
            out.flush();
            RawResponse accepted = RawResponse.read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.body()).contains("wildcard");
            assertThat(refused.closesConnection()).isFalse();
            assertThat(accepted.status()).isEqualTo(201);
        }
    }

    private byte[] head(String contentType) {
        return ("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + ServerTokens.publisher() + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + EVENT.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
