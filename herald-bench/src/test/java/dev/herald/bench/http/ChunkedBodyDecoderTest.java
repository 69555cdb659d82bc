package dev.herald.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedBodyDecoderTest {

    private static final String WIRE = "5\r\nhello\r\n"
            + "1;name=value\r\n \r\n"
            + "A\r\n0123456789\r\n"
            + "1a\r\nabcdefghijklmnopqrstuvwxyz\r\n"
            + "0\r\nX-Trailer: yes\r\n\r\n"
            + "GARBAGE AFTER THE BODY";
    private static final String BODY = "hello 0123456789abcdefghijklmnopqrstuvwxyz";

    @Test
    void decodesWholeBody() {
        Decoded d = decode(WIRE.getBytes(StandardCharsets.US_ASCII), Integer.MAX_VALUE);
        assertThat(d.body).isEqualTo(BODY);
        assertThat(d.complete).isTrue();
    }

    @Test
    void decodesWhateverTheReadBoundaries() {
        byte[] wire = WIRE.getBytes(StandardCharsets.US_ASCII);
        for (int step = 1; step <= wire.length; step++) {
            Decoded d = decode(wire, step);
            assertThat(d.body).as("reads of %d bytes", step).isEqualTo(BODY);
            assertThat(d.complete).as("reads of %d bytes", step).isTrue();
        }
    }

    @Test
    void everySplitPointInTwoReads() {
        byte[] wire = WIRE.getBytes(StandardCharsets.US_ASCII);
        for (int cut = 0; cut <= wire.length; cut++) {
            ChunkedBodyDecoder decoder = new ChunkedBodyDecoder();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean done = decoder.decode(wire, 0, cut, out::write);
            if (!done) {
                done = decoder.decode(wire, cut, wire.length - cut, out::write);
            }
            assertThat(out.toString(StandardCharsets.US_ASCII)).as("cut at %d", cut).isEqualTo(BODY);
            assertThat(done).isTrue();
        }
    }

    @Test
    void toleratesBareLineFeedsAndNoTrailers() {
        Decoded d = decode("3\nabc\n0\n\n".getBytes(StandardCharsets.US_ASCII), 2);
        assertThat(d.body).isEqualTo("abc");
        assertThat(d.complete).isTrue();
    }

    @Test
    void anOpenStreamIsNotComplete() {
        Decoded d = decode("3\r\nabc\r\n4\r\nde".getBytes(StandardCharsets.US_ASCII), 3);
        assertThat(d.body).isEqualTo("abcde");
        assertThat(d.complete).isFalse();
    }

    @Test
    void rejectsMalformedFraming() {
        assertThatThrownBy(() -> decode("xyz\r\n".getBytes(StandardCharsets.US_ASCII), 100))
                .isInstanceOf(HttpProtocolException.class);
        assertThatThrownBy(() -> decode("3\r\nabcX\r\n".getBytes(StandardCharsets.US_ASCII), 100))
                .isInstanceOf(HttpProtocolException.class);
    }

    private record Decoded(String body, boolean complete) {}

    private static Decoded decode(byte[] wire, int step) {
        ChunkedBodyDecoder decoder = new ChunkedBodyDecoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean done = false;
        for (int off = 0; off < wire.length && !done; off += step) {
            done = decoder.decode(wire, off, Math.min(step, wire.length - off), out::write);
        }
        return new Decoded(out.toString(StandardCharsets.US_ASCII), done);
    }
}
