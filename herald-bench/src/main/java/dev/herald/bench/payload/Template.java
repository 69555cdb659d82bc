package dev.herald.bench.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A string with {@code {name}} placeholders, parsed once and expanded many times (one per connection or per event).
 * Known names: {@code {i}} connection index, {@code {user}}, {@code {token}}, {@code {seq}}, {@code {payload}};
 * {@code {events}} the events of a batch publish (their bodies joined by commas).
 * Anything else in braces (e.g. JSON) is literal text.
 */
public final class Template {

    public static final Set<String> NAMES = Set.of("i", "user", "token", "seq", "payload", "events");

    private sealed interface Part permits Literal, Hole {}

    private record Literal(String text) implements Part {}

    private record Hole(String name) implements Part {}

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    public static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{') {
                int close = source.indexOf('}', i + 1);
                if (close > 0 && NAMES.contains(source.substring(i + 1, close))) {
                    if (!literal.isEmpty()) {
                        parts.add(new Literal(literal.toString()));
                        literal.setLength(0);
                    }
                    parts.add(new Hole(source.substring(i + 1, close)));
                    i = close + 1;
                    continue;
                }
            }
            literal.append(c);
            i++;
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new Template(source, List.copyOf(parts));
    }

    public boolean uses(String name) {
        return parts.stream().anyMatch(p -> p instanceof Hole h && h.name().equals(name));
    }

    public String expand(Map<String, String> values) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        for (Part part : parts) {
            switch (part) {
                case Literal l -> out.append(l.text());
                case Hole h -> {
                    String v = values.get(h.name());
                    if (v == null) {
                        throw new IllegalArgumentException("no value for {" + h.name() + "} in " + source);
                    }
                    out.append(v);
                }
            }
        }
        return out.toString();
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
