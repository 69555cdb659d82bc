package dev.herald.mercure.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** An {@code application/x-www-form-urlencoded} string built field by field (names may repeat). */
public final class Form {

    private final StringJoiner fields = new StringJoiner("&");

    public static Form of(String... namesAndValues) {
        Form form = new Form();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    public Form add(String name, String value) {
        fields.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        return this;
    }

    public String encoded() {
        return fields.toString();
    }

    @Override
    public String toString() {
        return encoded();
    }
}
