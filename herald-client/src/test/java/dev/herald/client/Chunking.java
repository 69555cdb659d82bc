package dev.herald.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * One way of delivering a test stream to the parser: the line ending substituted for every LF in the
 * script, and the chunk size the bytes are fed in. {@link #all()} is the cross product used by the
 * parameterized parser tests: CR, LF and CRLF at chunk sizes 1, 2, 3 and "everything at once".
 */
record Chunking(LineEnding ending, int chunkSize) {

    static final int WHOLE = Integer.MAX_VALUE;

    enum LineEnding {
        LF(new byte[] {'\n'}),
        CR(new byte[] {'\r'}),
        CRLF(new byte[] {'\r', '\n'});

        private final byte[] bytes;

        LineEnding(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    static Stream<Chunking> all() {
        return Stream.of(LineEnding.values())
                .flatMap(ending -> Stream.of(1, 2, 3, WHOLE).map(size -> new Chunking(ending, size)));
    }

    /** UTF-8 encodes {@code script} and replaces each LF with this chunking's line ending. */
    byte[] encode(String script) {
        return encode(script.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces each LF byte of {@code script} with this chunking's line ending. */
    byte[] encode(byte[] script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : script) {
            if (b == '\n') {
                out.writeBytes(ending.bytes);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in chunks to a fresh parser and returns everything it reported. */
    List<RecordingListener.Signal> parse(byte[] bytes) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(listener);
        feed(parser, bytes);
        parser.end();
        return listener.signals();
    }

    /** Encodes the LF-separated {@code script}, parses it and returns the signals. */
    List<RecordingListener.Signal> parse(String script) {
        return parse(encode(script));
    }

    /** Feeds {@code bytes} to {@code parser} in chunks of {@link #chunkSize()} (each a fresh array). */
    void feed(SseParser parser, byte[] bytes) {
        for (int offset = 0; offset < bytes.length; ) {
            int n = (int) Math.min(chunkSize, (long) bytes.length - offset);
            // copy into a padded array so offsets other than 0 are exercised too
            byte[] chunk = new byte[n + 2];
            System.arraycopy(bytes, offset, chunk, 1, n);
            parser.feed(chunk, 1, n);
            offset += n;
        }
    }

    @Override
    public String toString() {
        return ending + ", chunk=" + (chunkSize == WHOLE ? "whole" : String.valueOf(chunkSize));
    }
}
