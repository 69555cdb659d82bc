package dev.herald.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadParserTest {

    private static final String RESPONSE = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "X-Multi: a\r\nx-multi: b\r\n"
            + "\r\n"
            + "5\r\nhello\r\n";

    @Test
    void parsesHeadAndLeavesTheBody() {
        byte[] bytes = RESPONSE.getBytes(StandardCharsets.US_ASCII);
        for (int step = 1; step <= bytes.length; step++) {
            ResponseHeadParser parser = new ResponseHeadParser();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            for (int off = 0; off < bytes.length; off += step) {
                int len = Math.min(step, bytes.length - off);
                int used = parser.feed(bytes, off, len);
                rest.write(bytes, off + used, len - used);
            }
            ResponseHead head = parser.head();
            assertThat(head).as("step %d", step).isNotNull();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.reason()).isEqualTo("OK");
            assertThat(head.header("content-type")).isEqualTo("text/event-stream");
            assertThat(head.header("X-Multi")).isEqualTo("a, b");
            assertThat(head.chunked()).isTrue();
            assertThat(head.bodyDecoder()).isInstanceOf(ChunkedBodyDecoder.class);
            assertThat(rest.toString(StandardCharsets.US_ASCII)).isEqualTo("5\r\nhello\r\n");
        }
    }

    @Test
    void identityBodiesWithAndWithoutLength() {
        ResponseHeadParser parser = new ResponseHeadParser();
        byte[] b = "HTTP/1.0 404 Not Found\nContent-Length: 3\n\nabc".getBytes(StandardCharsets.US_ASCII);
        int used = parser.feed(b, 0, b.length);
        assertThat(used).isEqualTo(b.length - 3);
        assertThat(parser.head().status()).isEqualTo(404);
        assertThat(parser.head().contentLength()).isEqualTo(3);
        BodyDecoder decoder = parser.head().bodyDecoder();
        assertThat(decoder).isInstanceOf(IdentityBodyDecoder.class);
        assertThat(decoder.decode(b, used, 2, (x, o, l) -> { })).isFalse();
        assertThat(decoder.decode(b, used + 2, 1, (x, o, l) -> { })).isTrue();
        assertThat(new IdentityBodyDecoder(-1).endsAtEof()).isTrue();
    }

    @Test
    void rejectsGarbage() {
        byte[] b = "SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new ResponseHeadParser().feed(b, 0, b.length))
                .isInstanceOf(HttpProtocolException.class);
    }
}
