package dev.herald.bench.worker;

import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator ⇄ child worker protocol over the child's stdin/stdout: one message per line, {@code TYPE json}.
 * Coordinator → worker: {@code SPEC} (first line), then {@code COMMAND}s. Worker → coordinator: {@code PROGRESS}
 * (every 200 ms), {@code RESULT} (after finish) or {@code ERROR}.
 */
public final class Wire {

    public static final String SPEC = "SPEC";
    public static final String COMMAND = "COMMAND";
    public static final String PROGRESS = "PROGRESS";
    public static final String RESULT = "RESULT";
    public static final String ERROR = "ERROR";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Wire() {}

    public static String line(String type, Object value) {
        return type + " " + JSON.writeValueAsString(value);
    }

    public static String type(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    public static <T> T body(String line, Class<T> type) {
        int sp = line.indexOf(' ');
        return JSON.readValue(line.substring(sp + 1), type);
    }

    public static String text(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? "" : line.substring(sp + 1);
    }
}
