package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.RawStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A refused publish leaves the connection usable for the client's next request, even when the
 * refusal is decided before the body has arrived (HTTP clients send the body after the headers);
 * a body the hub will not read says {@code Connection: close} instead of the connection vanishing
 * under the client's next request.
 */
class PublishKeepAliveTest extends OpenHubTestSupport {

    private static final String VALID = "{\"topics\": [\"keep-alive\"], \"data\": \"x\"}";

    @Test
    void aRefusalSentBeforeTheBodyArrivedKeepsTheConnectionForTheNextRequest() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("text/plain", VALID.length()));
            out.flush();
            Thread.sleep(300); // the body comes late, in its own packet
            out.write(VALID.getBytes(StandardCharsets.UTF_8));
            out.flush();
            Response refused = read(socket.getInputStream());

            out.write(head("application/json", VALID.length()));
            out.write(VALID.getBytes(StandardCharsets.UTF_8));
            out.flush();
            Response accepted = read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(415);
            assertThat(refused.head()).doesNotContainIgnoringCase("connection: close");
            assertThat(accepted.status()).isEqualTo(201);
        }
    }

    @Test
    void aBodyDeclaredOverTheLimitIsNotReadAndTheConnectionCloses() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("application/json", 10 * 1024 * 1024));
            out.flush();
            Response refused = read(socket.getInputStream());

            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.head().toLowerCase(Locale.ROOT)).contains("connection: close");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private byte[] head(String contentType, int contentLength) {
        return ("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + publisher
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private record Response(int status, String head) {
    }

    /** One response with a Content-Length body; the body is read and dropped. */
    private static Response read(InputStream in) throws IOException {
        String text = RawStream.readHead(in);
        if (!text.endsWith("\r\n\r\n")) {
            throw new IOException("the connection closed after " + text.length() + " bytes of head");
        }
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return new Response(Integer.parseInt(text.substring(9, 12)), text);
    }
}
