package dev.herald.redis;

import dev.herald.core.event.EventId;
import dev.herald.core.log.ResetReason;
import dev.herald.core.log.RetentionPolicy;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The replay read: one {@code read.lua} call that places an id (a generated id by its stream id
 * and epoch, a publisher's id through its index key), checks it is still retained, and reads the
 * page after it with an exclusive {@code XRANGE}. Cost: a few O(log N) seeks plus the page, whatever
 * the length of the stream.
 */
final class ReadScript {

    /** What the script answered. */
    sealed interface Reply {
        /** Up to limit + 1 entries after the id, oldest first; {@code after} is the id's own stream id. */
        record Page(List<StreamEntry> entries, StreamId after) implements Reply {
        }

        /** The id cannot be placed; {@code head} is the newest entry. */
        record Reset(ResetReason reason, Optional<StreamEntry> head) implements Reply {
        }
    }

    private final LuaScript script = LuaScript.load("read");
    private final KeyLayout keys;
    private final RetentionPolicy retention;

    ReadScript(KeyLayout keys, RetentionPolicy retention) {
        this.keys = keys;
        this.retention = retention;
    }

    /** Reads up to {@code limit + 1} entries after {@code id}, so the caller can tell whether there are more. */
    Reply run(RedisCommands<String, String> commands, EventId id, int limit) {
        Optional<GeneratedId> generated = GeneratedId.parse(id);
        String[] keyList = generated.isPresent()
                ? new String[] {keys.epoch(), keys.stream()}
                : new String[] {keys.epoch(), keys.stream(), keys.publisherId(id)};
        List<Object> reply = script.run(commands, keyList,
                generated.map(g -> g.streamId().toString()).orElse(""),
                generated.map(g -> g.epoch().value()).orElse(""),
                Integer.toString(limit + 1),
                Integer.toString(retention.maxEvents()),
                Long.toString(Math.max(1, retention.maxAge().toMillis())));
        return switch ((String) reply.get(0)) {
            case "FOUND" -> {
                List<?> raw = (List<?>) reply.get(1);
                List<StreamEntry> entries = new ArrayList<>(raw.size());
                for (Object entry : raw) {
                    entries.add(StreamEntry.fromReply(entry));
                }
                yield new Reply.Page(entries, StreamId.parse((String) reply.get(2)));
            }
            case "RESET" -> new Reply.Reset(ResetReason.valueOf((String) reply.get(1)), StreamEntry.firstOf(reply.get(2)));
            default -> throw new IllegalStateException("read script answered " + reply);
        };
    }
}
