package dev.herald.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.mercure.support.Form;
import dev.herald.mercure.support.MercureHubTest;
import dev.herald.mercure.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A publish refused before its body has arrived (its declared length is over the limit) still gets
 * its answer, and the connection carries the publisher's next update: the hub drops the rest of the
 * body rather than closing on unread bytes, which resets the connection under the answer.
 */
class PublishKeepAliveTest extends MercureHubTest {

    @Test
    void aBodyOverTheLimitIsAnswered413AndTheConnectionCarriesTheNextUpdate() throws Exception {
        String token = Tokens.publisher("*");
        byte[] tooLarge = Form.of("topic", uniqueTopic("big"), "data", "x".repeat(70 * 1024)).encoded()
                .getBytes(StandardCharsets.US_ASCII);
        byte[] small = Form.of("topic", uniqueTopic("small"), "data", "x").encoded().getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(token, tooLarge.length));
            out.flush();
            Thread.sleep(300); // the body comes after the hub has decided, as HTTP clients send it
            out.write(tooLarge);
            out.flush();
            String refused = readResponse(socket.getInputStream());

            out.write(head(token, small.length));
            out.write(small);
            out.flush();
            String accepted = readResponse(socket.getInputStream());

            assertThat(refused).startsWith("HTTP/1.1 413").contains("herald.publish.max-bytes");
            assertThat(refused.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
            assertThat(accepted).startsWith("HTTP/1.1 200").contains("urn:uuid:");
        }
    }

    private byte[] head(String token, int length) {
        return ("POST /.well-known/mercure HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One response with a Content-Length body, head and body as text. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed after " + head.size() + " bytes of head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
