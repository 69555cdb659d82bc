package dev.herald.bench.payload;

/**
 * The bench's mark inside an event's data: {@code hb1.<seq>.<sendMicros>.<user>.xxxx…}, padded with {@code x} to the
 * requested size. Only characters that are safe unescaped in JSON strings, URLs and SSE data lines are used, so the
 * mark survives whether a server forwards the data raw, as a JSON string or inside a JSON object.
 */
public final class Payload {

    public static final String MARK = "hb1.";
    /** The user field of broadcast events (no addressee). */
    public static final String NO_USER = "-";

    private Payload() {}

    /** The payload string for event {@code seq} sent at {@code sendMicros} (epoch micros) to {@code user}. */
    public static String encode(long seq, long sendMicros, String user, int size) {
        StringBuilder sb = new StringBuilder(Math.max(size, 48));
        sb.append(MARK).append(seq).append('.').append(sendMicros).append('.').append(user).append('.');
        while (sb.length() < size) {
            sb.append('x');
        }
        return sb.toString();
    }

    /** A decoded mark; {@code user} is compared by the caller, it is kept as the text region to avoid copies. */
    public record Mark(long seq, long sendMicros, String data, int userStart, int userEnd) {
        public boolean userIs(String user) {
            return user.length() == userEnd - userStart && data.regionMatches(userStart, user, 0, user.length());
        }

        public boolean broadcast() {
            return userEnd - userStart == 1 && data.charAt(userStart) == '-';
        }

        public String user() {
            return data.substring(userStart, userEnd);
        }
    }

    /** Finds and decodes the mark in {@code data}; {@code null} if the event is not one of ours (or is mangled). */
    public static Mark decode(String data) {
        if (data == null) {
            return null;
        }
        int at = data.indexOf(MARK);
        if (at < 0) {
            return null;
        }
        int p = at + MARK.length();
        int seqEnd = data.indexOf('.', p);
        if (seqEnd <= p) {
            return null;
        }
        int timeEnd = data.indexOf('.', seqEnd + 1);
        if (timeEnd <= seqEnd + 1) {
            return null;
        }
        int userEnd = data.indexOf('.', timeEnd + 1);
        if (userEnd <= timeEnd + 1) {
            return null;
        }
        long seq = parseDigits(data, p, seqEnd);
        long micros = parseDigits(data, seqEnd + 1, timeEnd);
        if (seq < 0 || micros < 0) {
            return null;
        }
        return new Mark(seq, micros, data, timeEnd + 1, userEnd);
    }

    private static long parseDigits(String s, int from, int to) {
        if (to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
