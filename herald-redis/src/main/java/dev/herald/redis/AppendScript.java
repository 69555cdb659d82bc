package dev.herald.redis;

import dev.herald.core.event.Publication;
import dev.herald.core.log.RetentionPolicy;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The append: one {@code append.lua} call that, atomically, starts a new life of the log if it has
 * none, refuses a publisher id that is taken, stamps epoch and count, {@code XADD}s with
 * {@code MAXLEN ~}, trims by age with {@code MINID ~} and indexes a publisher's id. One round trip,
 * and no state in which the index and the stream disagree.
 */
final class AppendScript {

    /** What the script answered. */
    sealed interface Reply {
        /** Stored as {@code streamId} in the life {@code epoch}; {@code newLife} when this call began it. */
        record Appended(StreamId streamId, Epoch epoch, boolean newLife) implements Reply {
        }

        /** The publisher's id is taken. */
        record Duplicate() implements Reply {
        }
    }

    /**
     * What the script answered for a batch: the stream ids of the events it appended, in order, in the life
     * {@code epoch} ({@code newLife} when this call began it); {@code stoppedAtDuplicate} when it stopped
     * before the event after them, whose publisher id is taken.
     */
    record BatchReply(List<StreamId> appended, Epoch epoch, boolean newLife, boolean stoppedAtDuplicate) {
    }

    private final LuaScript script = LuaScript.load("append");
    private final KeyLayout keys;
    private final RetentionPolicy retention;

    AppendScript(KeyLayout keys, RetentionPolicy retention) {
        this.keys = keys;
        this.retention = retention;
    }

    Reply run(RedisCommands<String, String> commands, Publication publication, Optional<StreamId> floor) {
        BatchReply reply = runBatch(commands, List.of(publication), floor);
        return reply.stoppedAtDuplicate()
                ? new Reply.Duplicate()
                : new Reply.Appended(reply.appended().getFirst(), reply.epoch(), reply.newLife());
    }

    /** Appends {@code publications} in order with one {@code append.lua} call: one round trip, atomically. */
    BatchReply runBatch(RedisCommands<String, String> commands, List<Publication> publications, Optional<StreamId> floor) {
        List<String> keyList = new ArrayList<>(List.of(keys.epoch(), keys.stream(), keys.count()));
        List<String> args = new ArrayList<>(16 * publications.size());
        args.add(Epoch.random().value());
        args.add(floor.filter(id -> id.compareTo(StreamId.ZERO) > 0).map(StreamId::toString).orElse(""));
        args.add(Integer.toString(retention.maxEvents()));
        args.add(Long.toString(Math.max(1, retention.maxAge().toMillis())));
        args.add(Integer.toString(publications.size()));
        for (Publication publication : publications) {
            publication.id().ifPresent(id -> keyList.add(keys.publisherId(id)));
            List<String> fields = EntryCodec.fields(publication);
            args.add(publication.id().isPresent() ? "1" : "0");
            args.add(Integer.toString(fields.size()));
            args.addAll(fields);
        }
        List<Object> reply = script.run(commands, keyList.toArray(String[]::new), args.toArray(String[]::new));
        List<StreamId> appended = new ArrayList<>(reply.size() - 3);
        for (Object id : reply.subList(3, reply.size())) {
            appended.add(StreamId.parse((String) id));
        }
        return new BatchReply(appended, new Epoch((String) reply.get(1)), ((Long) reply.get(2)) == 1L,
                "DUPLICATE".equals(reply.get(0)));
    }
}
