package dev.herald.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Splits a pushed byte stream into lines and decodes each complete line as UTF-8.
 *
 * <p>Line endings are CR, LF or CRLF. A CR is treated as a line ending as soon as it is seen (the
 * line is emitted without waiting for the next byte); if the very next byte, possibly in the next
 * chunk, is LF it is swallowed so a CRLF split across two chunks still counts as one line ending.
 *
 * <p>Decoding per complete line is equivalent to decoding the whole stream: the bytes 0x0A and 0x0D
 * never occur inside a well-formed multi-byte UTF-8 sequence, so a character split across chunks is
 * always reassembled before it is decoded. Malformed bytes become U+FFFD. The byte order mark is
 * not handled here (see {@link EventStreamInterpreter}).
 *
 * <p>Not thread-safe: one thread feeds at a time.
 */
final class Utf8LineSplitter {

    private static final int SHRINK_ABOVE = 64 * 1024;

    private final Consumer<String> lineSink;
    private byte[] partial = new byte[128];
    private int partialLength;
    private boolean swallowLf;

    Utf8LineSplitter(Consumer<String> lineSink) {
        this.lineSink = Objects.requireNonNull(lineSink, "lineSink");
    }

    void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int end = offset + length;
        int i = offset;
        if (swallowLf && i < end) {
            swallowLf = false;
            if (bytes[i] == '\n') {
                i++;
            }
        }
        int lineStart = i;
        while (i < end) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                i++;
                continue;
            }
            int lineEnd = i;
            i++;
            if (b == '\r') {
                if (i < end) {
                    if (bytes[i] == '\n') {
                        i++;
                    }
                } else {
                    swallowLf = true;
                }
            }
            emit(bytes, lineStart, lineEnd - lineStart);
            lineStart = i;
        }
        if (lineStart < end) {
            append(bytes, lineStart, end - lineStart);
        }
    }

    /** Drops an unterminated trailing line and returns to the initial state. */
    void end() {
        resetPartial();
        swallowLf = false;
    }

    private void emit(byte[] bytes, int start, int length) {
        String line;
        if (partialLength == 0) {
            line = new String(bytes, start, length, StandardCharsets.UTF_8);
        } else {
            append(bytes, start, length);
            line = new String(partial, 0, partialLength, StandardCharsets.UTF_8);
            resetPartial();
        }
        lineSink.accept(line);
    }

    private void append(byte[] bytes, int start, int length) {
        int needed = partialLength + length;
        if (needed > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(needed, partial.length * 2));
        }
        System.arraycopy(bytes, start, partial, partialLength, length);
        partialLength = needed;
    }

    private void resetPartial() {
        partialLength = 0;
        if (partial.length > SHRINK_ABOVE) {
            partial = new byte[128];
        }
    }
}
