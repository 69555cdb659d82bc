package dev.herald.mercure.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The name-value pairs of an {@code application/x-www-form-urlencoded} string: a publish body or a
 * subscribe query. Parsed here rather than through the servlet's parameters for two reasons: the
 * protocol reads the publish fields from the body only (a {@code topic} in the query string of a
 * {@code POST} must not count), and names and values must be UTF-8, which the container would
 * silently patch with U+FFFD.
 *
 * @param fields every name with its values, in the order they were sent
 */
public record UrlEncodedForm(Map<String, List<String>> fields) {

    public static final UrlEncodedForm EMPTY = new UrlEncodedForm(Map.of());

    public UrlEncodedForm {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        fields = Collections.unmodifiableMap(copy);
    }

    /**
     * @throws IllegalArgumentException with a message naming the bad part: a broken {@code %} escape or bytes that are no UTF-8
     */
    public static UrlEncodedForm parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new UrlEncodedForm(fields);
    }

    /** All values of a field, in order; empty when it is absent. */
    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** The first value of a field. */
    public Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    private static String decode(String part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= part.length() || hex(part.charAt(i + 1)) < 0 || hex(part.charAt(i + 2)) < 0) {
                    throw new IllegalArgumentException("broken percent-escape in '" + abbreviate(part)
                            + "': '%' must be followed by two hexadecimal digits");
                }
                bytes.write(hex(part.charAt(i + 1)) << 4 | hex(part.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                // a raw non-ASCII character (clients should escape it): keep it as its UTF-8 bytes
                int codePoint = part.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("'" + abbreviate(part) + "' is not UTF-8 once decoded: encode names and values as UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String abbreviate(String part) {
        return part.length() <= 40 ? part : part.substring(0, 40) + "...";
    }
}
