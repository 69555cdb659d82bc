package dev.herald.spring.publish;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a payload into the text of an event's {@code data}: a string as is (it may already be JSON,
 * or plain text), anything else as JSON with the application's {@link JsonMapper}, so that its
 * modules and naming settings apply.
 */
public final class PayloadEncoder {

    private final JsonMapper jsonMapper;

    public PayloadEncoder(JsonMapper jsonMapper) {
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
    }

    /**
     * @throws tools.jackson.core.JacksonException when the object cannot be written as JSON
     */
    public String encode(Object payload) {
        return switch (payload) {
            case null -> throw new NullPointerException("payload");
            case CharSequence text -> text.toString();
            case JsonNode node when node.isString() -> node.stringValue();
            default -> jsonMapper.writeValueAsString(payload);
        };
    }
}
