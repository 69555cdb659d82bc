package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@link SseParser#feed(ByteBuffer)} entry point used by NIO callers. */
class SseParserByteBufferTest {

    private static final byte[] STREAM =
            "id: 1\ndata: h\u00e9llo \u20ac\n\nretry: 10\r\ndata: x\r\r".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void consumesAllRemainingBytesInSmallBuffers(boolean direct) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(3) : ByteBuffer.allocate(3);
        for (int offset = 0; offset < STREAM.length; ) {
            buffer.clear();
            int n = Math.min(buffer.capacity(), STREAM.length - offset);
            buffer.put(STREAM, offset, n).flip();
            parser.feed(buffer);
            assertThat(buffer.hasRemaining()).isFalse();
            offset += n;
        }
        assertThat(listener.signals()).containsExactly(
                RecordingListener.event("1", "message", "h\u00e9llo \u20ac"),
                new RecordingListener.Retry(10),
                RecordingListener.event("1", "message", "x"));
    }

    @Test
    void honoursPositionLimitAndArrayOffsetOfSlices() {
        byte[] padded = ("garbage" + "data: a\n\n" + "trailing").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer slice = ByteBuffer.wrap(padded, 3, padded.length - 3).slice(); // arrayOffset 3
        slice.position(4).limit(4 + "data: a\n\n".length());
        RecordingListener listener = new RecordingListener();
        new SseParser(listener).feed(slice);
        assertThat(slice.position()).isEqualTo(slice.limit());
        assertThat(listener.events()).containsExactly(new SseEvent("", "message", "a"));
    }

    @Test
    void largeDirectBufferIsCopiedInPieces() {
        String big = "y".repeat(50_000);
        byte[] bytes = ("data: " + big + "\n\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        RecordingListener listener = new RecordingListener();
        new SseParser(listener).feed(direct);
        assertThat(listener.events()).containsExactly(new SseEvent("", "message", big));
    }
}
