package dev.herald.spring.web;

import dev.herald.core.event.EventId;
import dev.herald.core.event.EventType;
import dev.herald.core.event.Publication;
import dev.herald.core.event.UserId;
import dev.herald.core.topic.AnyTopic;
import dev.herald.core.topic.Topic;
import dev.herald.spring.publish.HeraldEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /api/events} into a {@link HeraldEvent} (and of
 * {@code POST /api/events/batch} into several), refusing anything unclear
 * with a 400 whose detail names the field and what to fix. Unknown fields are refused too: a typo
 * such as {@code "topic"} would otherwise publish to nowhere without a word.
 */
final class PublishRequestParser {

    static final String EXAMPLE = "{\"topics\": [\"news\"], \"type\": \"update\", \"data\": {\"text\": \"hello\"}}";
    static final String BATCH_EXAMPLE = "{\"events\": [{\"users\": [\"alice\"], \"data\": \"hi\"}, {\"topics\": [\"news\"], \"data\": \"hello\"}]}";
    private static final Set<String> FIELDS = Set.of("topics", "users", "type", "data", "private", "id", "retry");

    private final JsonMapper jsonMapper;

    PublishRequestParser(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** @throws ApiProblemException (400) */
    HeraldEvent parse(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw bad("the body must be a JSON object such as " + EXAMPLE);
        }
        return event(root);
    }

    /**
     * Reads the body of {@code POST /api/events/batch}, {@code {"events": [event, ...]}}, each event as
     * {@link #parse} reads one; a refusal names the event by its index.
     *
     * @throws ApiProblemException (400)
     */
    List<HeraldEvent> parseBatch(byte[] body, int maxEvents) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw bad("the body must be a JSON object such as " + BATCH_EXAMPLE);
        }
        for (String name : root.propertyNames()) {
            if (!"events".equals(name)) {
                throw bad("unknown field '" + SubscribeRequests.printable(name) + "'; a batch has one field, events,"
                        + " as in " + BATCH_EXAMPLE);
            }
        }
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw bad("'events' must be an array of events, as in " + BATCH_EXAMPLE);
        }
        if (events.isEmpty()) {
            throw bad("'events' is empty: a batch carries 1 to " + maxEvents + " events");
        }
        if (events.size() > maxEvents) {
            throw bad("the batch has " + events.size() + " events, more than herald.publish.max-batch-events ("
                    + maxEvents + "): send smaller batches");
        }
        List<HeraldEvent> parsed = new ArrayList<>(events.size());
        Set<EventId> ownIds = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode item = events.get(i);
            HeraldEvent event;
            try {
                if (!item.isObject()) {
                    throw bad("must be a JSON object such as " + EXAMPLE);
                }
                event = event(item);
            } catch (ApiProblemException e) {
                throw bad("events[" + i + "]: " + e.getMessage());
            }
            if (event.id().isPresent() && !ownIds.add(event.id().get())) {
                throw bad("events[" + i + "]: the id '" + SubscribeRequests.printable(event.id().get().value())
                        + "' is given twice in the batch; event ids must be unique");
            }
            parsed.add(event);
        }
        return parsed;
    }

    private HeraldEvent event(JsonNode root) {
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw bad("unknown field '" + SubscribeRequests.printable(name) + "'; the fields are topics, users, type,"
                        + " data, private, id and retry");
            }
        }
        List<Topic> topics = strings(root, "topics", PublishRequestParser::topic);
        List<UserId> users = strings(root, "users", UserId::of);
        if (topics.isEmpty() && users.isEmpty()) {
            throw bad("no target: name at least one topic in 'topics' or one user in 'users', as in " + EXAMPLE);
        }
        HeraldEvent event;
        try {
            event = new HeraldEvent(topics, users, type(root), data(root), flag(root), id(root), retry(root));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        int targets = event.targets().size();
        if (targets > Publication.MAX_TOPICS) {
            throw bad("too many topics: an event may go to at most " + Publication.MAX_TOPICS
                    + " topics (each user counts as their personal topic), not " + targets);
        }
        return event;
    }

    private JsonNode readTree(byte[] body) {
        JsonNode root;
        try {
            root = jsonMapper.readTree(body);
        } catch (JacksonException e) {
            throw bad("malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw bad("the body is empty: send a JSON object such as " + EXAMPLE);
        }
        return root;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static Topic topic(String value) {
        if (AnyTopic.EXPRESSION.equals(value) || value.indexOf('{') >= 0 || value.indexOf('}') >= 0) {
            throw new IllegalArgumentException("'" + SubscribeRequests.printable(value) + "' is a topic selector;"
                    + " events are published to concrete topics (selectors are for subscribing and for grants)");
        }
        return Topic.of(value);
    }

    private static <T> List<T> strings(JsonNode root, String field, Function<String, T> reader) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw bad("'" + field + "' must be an array of strings, as in " + EXAMPLE);
        }
        List<T> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString()) {
                throw bad("'" + field + "'[" + i + "] must be a string");
            }
            try {
                values.add(reader.apply(item.stringValue()));
            } catch (IllegalArgumentException e) {
                throw bad("'" + field + "'[" + i + "]: " + e.getMessage());
            }
        }
        return values;
    }

    private static EventType type(JsonNode root) {
        return optionalString(root, "type").map(value -> parsed("type", value, EventType::of)).orElse(EventType.MESSAGE);
    }

    private static Optional<EventId> id(JsonNode root) {
        return optionalString(root, "id").map(value -> parsed("id", value, EventId::of));
    }

    /** A string is the data as is; any other JSON value is sent as its JSON text. */
    private String data(JsonNode root) {
        JsonNode node = root.get("data");
        if (node == null) {
            throw bad("'data' is missing: give the payload as a string or any JSON value");
        }
        return node.isString() ? node.stringValue() : jsonMapper.writeValueAsString(node);
    }

    private static boolean flag(JsonNode root) {
        JsonNode node = root.get("private");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw bad("'private' must be true or false");
        }
        return node.booleanValue();
    }

    private static Optional<Duration> retry(JsonNode root) {
        JsonNode node = root.get("retry");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw bad("'retry' must be a whole number of milliseconds, 0 or more, not " + node);
        }
        return Optional.of(Duration.ofMillis(node.longValue()));
    }

    private static Optional<String> optionalString(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isString()) {
            throw bad("'" + field + "' must be a string");
        }
        return Optional.of(node.stringValue());
    }

    private static <T> T parsed(String field, String value, Function<String, T> reader) {
        try {
            return reader.apply(value);
        } catch (IllegalArgumentException e) {
            throw bad("'" + field + "': " + e.getMessage());
        }
    }

    private static ApiProblemException bad(String detail) {
        return ApiProblemException.badRequest(detail);
    }
}
