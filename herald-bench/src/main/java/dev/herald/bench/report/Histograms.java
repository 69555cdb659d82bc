package dev.herald.bench.report;

import dev.herald.bench.net.IoLoop;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** HdrHistogram ⇄ base64 of its compressed encoding, to move histograms between processes and add them up. */
public final class Histograms {

    private Histograms() {}

    public static Histogram empty() {
        return new Histogram(IoLoop.MAX_MICROS, 3);
    }

    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
    }

    public static Histogram decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return empty();
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), IoLoop.MAX_MICROS);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad histogram encoding", e);
        }
    }

    public static String add(String a, String b) {
        Histogram sum = decode(a);
        sum.add(decode(b));
        return encode(sum);
    }
}
