package dev.herald.bench.baseline;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Herald's publish body: {@code {"topics":[…], "users":[…], "type":"…", "data": <string or JSON>}}. */
public record PublishRequest(List<String> topics, List<String> users, String type, JsonNode data) {}
