package dev.herald.redis;

import dev.herald.core.event.Event;
import io.lettuce.core.StreamMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One entry of the stream as read from Redis: its id and its fields, before decoding. */
record StreamEntry(StreamId id, Map<String, String> fields) {

    StreamEntry {
        fields = Map.copyOf(fields);
    }

    static StreamEntry of(StreamMessage<String, String> message) {
        return new StreamEntry(StreamId.parse(message.getId()), message.getBody());
    }

    /** An entry as a script returns it: {@code [id, [field, value, field, value, ...]]}. */
    static StreamEntry fromReply(Object reply) {
        List<?> pair = (List<?>) reply;
        List<?> flat = (List<?>) pair.get(1);
        Map<String, String> fields = new HashMap<>(flat.size());
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return new StreamEntry(StreamId.parse((String) pair.get(0)), fields);
    }

    /** The first entry of a script's {@code XRANGE}/{@code XREVRANGE} reply, if any. */
    static Optional<StreamEntry> firstOf(Object rangeReply) {
        List<?> entries = (List<?>) rangeReply;
        return entries.isEmpty() ? Optional.empty() : Optional.of(fromReply(entries.get(0)));
    }

    Event event() {
        return EntryCodec.decode(id, fields);
    }

    Epoch epoch() {
        return new Epoch(fields.get(EntryCodec.EPOCH));
    }

    long count() {
        return EntryCodec.count(fields, id);
    }
}
