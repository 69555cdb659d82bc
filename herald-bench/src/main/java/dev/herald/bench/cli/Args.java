package dev.herald.bench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name=value} / {@code --name value} / {@code --flag} arguments, kept in order; repeatable options collect all
 * their values. Every name must be known: a typo is an error, not a silently ignored option.
 */
public final class Args {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Args() {}

    public static Args parse(List<String> args, Set<String> known) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (options look like --name=value)");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                boolean nextIsValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                value = nextIsValue ? args.get(++i) : "true";
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.getLast();
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int integer(String name, int fallback) {
        String v = string(name, null);
        try {
            return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants an integer, got " + v);
        }
    }

    public long longValue(String name, long fallback) {
        String v = string(name, null);
        try {
            return v == null ? fallback : Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants an integer, got " + v);
        }
    }

    public double decimal(String name, double fallback) {
        String v = string(name, null);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " wants a number, got " + v);
        }
    }

    public List<String> list(String name, List<String> fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        return v.isBlank() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }
}
