package dev.herald.bench.http;

/**
 * {@code Transfer-Encoding: chunked} (RFC 9112 §7.1) as a byte-at-a-time state machine, so chunk boundaries may fall
 * anywhere in the reads: {@code size[;ext] CRLF data CRLF … 0 CRLF [trailers CRLF] CRLF}. Bare LF is tolerated.
 * Data runs are handed to the sink without copying.
 */
public final class ChunkedBodyDecoder implements BodyDecoder {

    private enum State { SIZE, SIZE_EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_LINE, TRAILER_LF, DONE }

    private State state = State.SIZE;
    private long chunkRemaining;
    private int sizeDigits;

    @Override
    public boolean decode(byte[] in, int off, int len, BodySink sink) {
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (state) {
                case SIZE -> {
                    byte b = in[i++];
                    int digit = hex(b);
                    if (digit >= 0) {
                        if (++sizeDigits > 15) {
                            throw new HttpProtocolException("chunk size too long");
                        }
                        chunkRemaining = chunkRemaining * 16 + digit;
                    } else if (sizeDigits == 0) {
                        throw new HttpProtocolException("chunk size expected, got byte " + (b & 0xff));
                    } else if (b == ';' || b == ' ' || b == '\t') {
                        state = State.SIZE_EXTENSION;
                    } else if (b == '\r') {
                        state = State.SIZE_LF;
                    } else if (b == '\n') {
                        endOfSizeLine();
                    } else {
                        throw new HttpProtocolException("bad byte in chunk size: " + (b & 0xff));
                    }
                }
                case SIZE_EXTENSION -> {
                    byte b = in[i++];
                    if (b == '\r') {
                        state = State.SIZE_LF;
                    } else if (b == '\n') {
                        endOfSizeLine();
                    }
                }
                case SIZE_LF -> {
                    expect(in[i++], '\n');
                    endOfSizeLine();
                }
                case DATA -> {
                    int n = (int) Math.min(chunkRemaining, end - i);
                    sink.body(in, i, n);
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.DATA_CR;
                    }
                }
                case DATA_CR -> {
                    byte b = in[i++];
                    if (b == '\r') {
                        state = State.DATA_LF;
                    } else {
                        expect(b, '\n');
                        state = State.SIZE;
                    }
                }
                case DATA_LF -> {
                    expect(in[i++], '\n');
                    state = State.SIZE;
                }
                case TRAILER_START -> {
                    byte b = in[i++];
                    if (b == '\r') {
                        state = State.TRAILER_LF;
                    } else if (b == '\n') {
                        state = State.DONE;
                        return true;
                    } else {
                        state = State.TRAILER_LINE;
                    }
                }
                case TRAILER_LINE -> {
                    if (in[i++] == '\n') {
                        state = State.TRAILER_START;
                    }
                }
                case TRAILER_LF -> {
                    expect(in[i++], '\n');
                    state = State.DONE;
                    return true;
                }
                case DONE -> {
                    return true;
                }
            }
        }
        return state == State.DONE;
    }

    @Override
    public boolean endsAtEof() {
        return false;
    }

    private void endOfSizeLine() {
        sizeDigits = 0;
        if (chunkRemaining == 0) {
            state = State.TRAILER_START;
        } else {
            state = State.DATA;
        }
    }

    private static void expect(byte actual, char wanted) {
        if (actual != wanted) {
            throw new HttpProtocolException("expected " + (wanted == '\n' ? "LF" : "'" + wanted + "'")
                    + " in chunked body, got byte " + (actual & 0xff));
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
