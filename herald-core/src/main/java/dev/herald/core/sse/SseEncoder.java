package dev.herald.core.sse;

import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes SSE frames exactly as the WHATWG HTML "Server-sent events" rules read them, as UTF-8.
 *
 * <ul>
 *   <li>Data is split on CRLF, CR and LF into one {@code data:} line each, so a browser
 *       reassembles it joined with LF (CRLF and lone CR come back as LF: the format has no other way).</li>
 *   <li>{@code id} and {@code event} hold no CR, LF or NUL: {@link EventId} and {@link EventType}
 *       refuse them, so the encoder cannot be made to split a frame.</li>
 *   <li>Every field is written as {@code name: value}: the reader drops exactly one space after the
 *       colon, so a value that starts with a space survives.</li>
 *   <li>{@code event:} is omitted for the default type {@code message}.</li>
 * </ul>
 * Pure functions; safe from any thread.
 */
public final class SseEncoder {

    private SseEncoder() {
    }

    /** One event, ending with the blank line that dispatches it. */
    public static byte[] event(EventId id, EventType type, String data, Optional<Duration> retry) {
        StringBuilder out = new StringBuilder(data.length() + 64);
        if (id != null) {
            out.append("id: ").append(id.value()).append('\n');
        }
        if (type != null && !type.isDefault()) {
            out.append("event: ").append(type.value()).append('\n');
        }
        retry.ifPresent(r -> out.append("retry: ").append(r.toMillis()).append('\n'));
        appendLines(out, "data: ", data);
        out.append('\n');
        return utf8(out);
    }

    /** A comment, ignored by browsers; used for heartbeats and the first bytes of a stream. */
    public static byte[] comment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        appendLines(out, ": ", text);
        return utf8(out);
    }

    /** A lone {@code retry:} field: the browser's reconnection delay from now on. */
    public static byte[] retry(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("retry must not be negative");
        }
        return utf8(new StringBuilder("retry: ").append(delay.toMillis()).append("\n\n"));
    }

    /** Concatenates frames into one write. */
    public static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static void appendLines(StringBuilder out, String prefix, String text) {
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append(prefix).append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append(prefix).append(text, start, length).append('\n');
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
