package dev.herald.client;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Push-based parser for {@code text/event-stream}, implementing WHATWG HTML §9.2.5/§9.2.6
 * ("Parsing an event stream", "Interpreting an event stream").
 *
 * <p>Feed it bytes exactly as they arrive, in chunks of any size (including one byte at a time);
 * it finds CR, LF and CRLF line endings (also a CRLF split across two chunks), decodes each complete
 * line as UTF-8 (malformed bytes become U+FFFD, characters split across chunks are reassembled),
 * strips one leading byte order mark at stream start, and reports events, comments and
 * {@code retry} values to its {@link SseListener}. A CR line ending is acted on immediately, so an
 * event terminated by CR or CRCR is dispatched without waiting for the next chunk.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: {@code feed} and {@code end} must be called by one
 * thread at a time (typically the thread reading the socket), with a happens-before relation
 * between successive calls if the thread changes. Listener callbacks run synchronously inside
 * {@code feed}, in stream order. {@link #lastEventId()} alone may be called from any thread.
 *
 * <p><b>Reuse.</b> After {@link #end()} the parser is back at "start of stream" (partial line and
 * partial event dropped, BOM stripping re-armed) but keeps its last event ID, so the same instance
 * can parse the stream of the next connection and the last event ID carries over, as a browser's
 * {@code EventSource} does.
 */
public final class SseParser {

    private static final int SCRATCH_SIZE = 8192;

    private final EventStreamInterpreter interpreter;
    private final Utf8LineSplitter splitter;
    private byte[] scratch;

    /**
     * Creates a parser whose last event ID starts empty.
     *
     * @param listener receives events, comments and retry values; not {@code null}
     */
    public SseParser(SseListener listener) {
        this(listener, "");
    }

    /**
     * Creates a parser whose last event ID starts as {@code initialLastEventId}, e.g. to resume a
     * stream: events without an {@code id} field carry it until the stream sets another one.
     *
     * @param listener           receives events, comments and retry values; not {@code null}
     * @param initialLastEventId the initial last event ID, {@code ""} for none; not {@code null}
     */
    public SseParser(SseListener listener, String initialLastEventId) {
        this.interpreter = new EventStreamInterpreter(listener, initialLastEventId);
        this.splitter = new Utf8LineSplitter(interpreter::line);
    }

    /**
     * Parses {@code length} bytes of {@code bytes} starting at {@code offset}. The array is not
     * retained after the call returns.
     *
     * @param bytes  the source array
     * @param offset index of the first byte to parse
     * @param length number of bytes to parse
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.requireNonNull(bytes, "bytes");
        splitter.feed(bytes, offset, length);
    }

    /**
     * Parses all remaining bytes of {@code buffer}; on return its position equals its limit. Works
     * with heap and direct buffers; the buffer is not retained.
     *
     * @param buffer the bytes to parse, from its position to its limit
     */
    public void feed(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.hasArray()) {
            int remaining = buffer.remaining();
            int position = buffer.position();
            buffer.position(buffer.limit());
            splitter.feed(buffer.array(), buffer.arrayOffset() + position, remaining);
            return;
        }
        if (scratch == null) {
            scratch = new byte[SCRATCH_SIZE];
        }
        while (buffer.hasRemaining()) {
            int n = Math.min(scratch.length, buffer.remaining());
            buffer.get(scratch, 0, n);
            splitter.feed(scratch, 0, n);
        }
    }

    /**
     * Signals end of stream: an unterminated last line and any event not yet terminated by a blank
     * line are discarded (never dispatched), and the parser returns to the start-of-stream state.
     * The last event ID is kept.
     */
    public void end() {
        splitter.end();
        interpreter.end();
    }

    /**
     * Returns the last event ID string: the value of the last event ID buffer at the most recent
     * dispatch (blank line), whether or not that dispatch produced an event. An {@code id} field
     * that was not followed by a blank line before {@link #end()} does not count. Safe to call from
     * any thread.
     *
     * @return the last event ID, {@code ""} if none
     */
    public String lastEventId() {
        return interpreter.lastEventId();
    }
}
