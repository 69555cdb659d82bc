package dev.herald.embedded;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.log.LogPosition;
import dev.herald.core.topic.Topic;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The value stored for one event, under its position as key. The position is not repeated in the
 * value. The layout starts with a format byte, so that a later version can read old records, and
 * puts the fields the trimmer needs ({@code appendedAt}, {@code id}) first, so it can read them
 * without decoding the rest:
 *
 * <pre>
 * byte    format (1)
 * long    appendedAt, epoch seconds      int  appendedAt, nanos
 * string  id                             string type
 * byte    flags: 1 = private, 2 = retry present
 * [long   retry seconds                  int  retry nanos]
 * int     topic count, then each topic as a string
 * string  data
 * </pre>
 * A string is an {@code int} byte length and its UTF-8 bytes. Integers are big-endian.
 */
final class EventRecordCodec {

    static final byte FORMAT_1 = 1;
    private static final int FLAG_PRIVATE = 1;
    private static final int FLAG_RETRY = 2;
    private static final int ID_OFFSET = 1 + Long.BYTES + Integer.BYTES;

    private EventRecordCodec() {
    }

    static byte[] encode(Event event) {
        byte[] id = utf8(event.id().value());
        byte[] type = utf8(event.type().value());
        byte[] data = utf8(event.data());
        List<byte[]> topics = new ArrayList<>(event.topics().size());
        int size = ID_OFFSET + 4 + id.length + 4 + type.length + 1 + 4 + 4 + data.length;
        for (Topic topic : event.topics()) {
            byte[] bytes = utf8(topic.value());
            topics.add(bytes);
            size += 4 + bytes.length;
        }
        if (event.retry().isPresent()) {
            size += Long.BYTES + Integer.BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT_1);
        out.putLong(event.appendedAt().getEpochSecond()).putInt(event.appendedAt().getNano());
        putString(out, id);
        putString(out, type);
        int flags = (event.privateEvent() ? FLAG_PRIVATE : 0) | (event.retry().isPresent() ? FLAG_RETRY : 0);
        out.put((byte) flags);
        event.retry().ifPresent(retry -> out.putLong(retry.getSeconds()).putInt(retry.getNano()));
        out.putInt(topics.size());
        for (byte[] topic : topics) {
            putString(out, topic);
        }
        putString(out, data);
        return out.array();
    }

    static Event decode(long position, byte[] record) {
        try {
            ByteBuffer in = ByteBuffer.wrap(record);
            checkFormat(in.get(), position);
            Instant appendedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            EventId id = new EventId(getString(in));
            EventType type = new EventType(getString(in));
            int flags = in.get();
            Optional<Duration> retry = (flags & FLAG_RETRY) != 0
                    ? Optional.of(Duration.ofSeconds(in.getLong(), in.getInt()))
                    : Optional.empty();
            int topicCount = in.getInt();
            List<Topic> topics = new ArrayList<>(topicCount);
            for (int i = 0; i < topicCount; i++) {
                topics.add(new Topic(getString(in)));
            }
            String data = getString(in);
            return new Event(id, new LogPosition(position), type, data, topics, (flags & FLAG_PRIVATE) != 0,
                    retry, appendedAt);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored record of position " + position + " is malformed", e);
        }
    }

    /** When the event was appended, without decoding the rest. */
    static Instant appendedAt(byte[] record) {
        ByteBuffer in = ByteBuffer.wrap(record);
        checkFormat(in.get(), -1);
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    /** The event's id, without decoding the rest. */
    static String id(byte[] record) {
        ByteBuffer in = ByteBuffer.wrap(record);
        checkFormat(in.get(), -1);
        in.position(ID_OFFSET);
        return getString(in);
    }

    private static void checkFormat(byte format, long position) {
        if (format != FORMAT_1) {
            throw new IllegalStateException("unknown event record format " + format
                    + (position < 0 ? "" : " at position " + position) + "; was the store written by a newer Herald?");
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer out, byte[] bytes) {
        out.putInt(bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a string of " + length + " bytes does not fit the record");
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
