package dev.herald.redis;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an event is laid out in a stream entry. Short field names, because every entry repeats them
 * (Redis shares field names only between entries of one listpack node with identical fields):
 * <ul>
 *   <li>{@code e} epoch, {@code n} count in this life — written by the append script;</li>
 *   <li>{@code t} type, {@code d} data, {@code p} topics joined by LF (a topic holds no control character);</li>
 *   <li>{@code x} present for a private event, {@code r} retry in ms, {@code i} the publisher's own id.</li>
 * </ul>
 * The time of the event is the millisecond part of its stream id: Redis's clock, the same for
 * every node.
 */
final class EntryCodec {

    static final String EPOCH = "e";
    static final String COUNT = "n";
    static final String TYPE = "t";
    static final String DATA = "d";
    static final String TOPICS = "p";
    static final String PRIVATE = "x";
    static final String RETRY = "r";
    static final String PUBLISHER_ID = "i";

    private EntryCodec() {
    }

    /** The fields of a publication's entry, as alternating names and values, without epoch and count. */
    static List<String> fields(Publication publication) {
        List<String> fields = new ArrayList<>(12);
        fields.add(TYPE);
        fields.add(publication.type().value());
        fields.add(DATA);
        fields.add(publication.data());
        fields.add(TOPICS);
        fields.add(String.join("\n", publication.topics().stream().map(Topic::value).toList()));
        if (publication.privateEvent()) {
            fields.add(PRIVATE);
            fields.add("1");
        }
        publication.retry().ifPresent(retry -> {
            fields.add(RETRY);
            fields.add(Long.toString(retry.toMillis()));
        });
        publication.id().ifPresent(id -> {
            fields.add(PUBLISHER_ID);
            fields.add(id.value());
        });
        return fields;
    }

    /** The event an entry holds. */
    static Event decode(StreamId streamId, Map<String, String> fields) {
        String epoch = required(fields, EPOCH, streamId);
        String publisherId = fields.get(PUBLISHER_ID);
        EventId id = publisherId != null ? new EventId(publisherId) : new GeneratedId(new Epoch(epoch), streamId).eventId();
        List<Topic> topics = required(fields, TOPICS, streamId).lines().map(Topic::new).toList();
        Optional<Duration> retry = Optional.ofNullable(fields.get(RETRY)).map(ms -> Duration.ofMillis(Long.parseLong(ms)));
        return new Event(id, streamId.toPosition(), EventType.of(required(fields, TYPE, streamId)),
                required(fields, DATA, streamId), topics, fields.containsKey(PRIVATE), retry,
                Instant.ofEpochMilli(streamId.millis()));
    }

    /** The count field of an entry, for gap detection. */
    static long count(Map<String, String> fields, StreamId streamId) {
        return Long.parseLong(required(fields, COUNT, streamId));
    }

    private static String required(Map<String, String> fields, String name, StreamId streamId) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("stream entry " + streamId + " has no field '" + name
                    + "': was it written by something other than Herald?");
        }
        return value;
    }
}
