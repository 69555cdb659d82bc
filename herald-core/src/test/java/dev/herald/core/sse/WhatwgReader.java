package dev.herald.core.sse;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal reader written straight from the WHATWG "interpret an event stream" steps, for tests:
 * lines split on CRLF, CR or LF; comments skipped; one leading space of a value dropped; data
 * joined by LF; dispatch on a blank line when data was seen; an unterminated tail ignored.
 */
public final class WhatwgReader {

    /** One dispatched event; {@code id} is the last event id at dispatch. */
    public record Read(String id, String type, String data) {
    }

    private WhatwgReader() {
    }

    public static List<Read> read(String stream) {
        List<Read> out = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        String type = "";
        String lastId = "";
        int i = 0;
        while (i < stream.length()) {
            int end = i;
            while (end < stream.length() && stream.charAt(end) != '\r' && stream.charAt(end) != '\n') {
                end++;
            }
            if (end == stream.length()) {
                break;
            }
            String line = stream.substring(i, end);
            i = end + (stream.charAt(end) == '\r' && end + 1 < stream.length() && stream.charAt(end + 1) == '\n' ? 2 : 1);
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    out.add(new Read(lastId, type.isEmpty() ? "message" : type, data.substring(0, data.length() - 1)));
                }
                data.setLength(0);
                type = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data.append(value).append('\n');
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) {
                        lastId = value;
                    }
                }
                default -> { }
            }
        }
        return out;
    }
}
