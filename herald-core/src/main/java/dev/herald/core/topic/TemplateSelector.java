package dev.herald.core.topic;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An RFC 6570 URI template read as a pattern: a topic matches when some values of the template's
 * variables expand to it.
 *
 * <p>Supported expressions: level 1 {@code {var}} (one or more comma-separated variables), level 2
 * {@code {+var}} (reserved expansion, may span {@code /}) and {@code {#var}} (fragment), and the
 * level 3 forms {@code {/var}}, {@code {.var}}, {@code {;var}}, {@code {?var}} and {@code {&var}} (the
 * query forms match their {@code name=value} pairs in any order, each variable optional). A simple {@code {var}} matches a value
 * without {@code /}, {@code ?} or {@code #}; it is deliberately more tolerant than strict
 * percent-encoding so that {@code users/{id}} matches {@code users/alice@example.com}.
 */
public record TemplateSelector(String expression, Pattern pattern) implements TopicSelector {

    /** A cap on expressions per template, against patterns that are costly to match. */
    static final int MAX_EXPRESSIONS = 16;
    private static final String SEGMENT = "[^/?#]+";
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_.%]+(:[1-9][0-9]{0,3}|\\*)?");

    public TemplateSelector {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean matches(Topic topic) {
        return pattern.matcher(topic.value()).matches();
    }

    /** Compiles a template; the message of the exception says what is wrong with it. */
    public static TemplateSelector compile(String template) {
        if (template.length() > Topic.MAX_LENGTH) {
            throw new InvalidSelectorException("a topic selector must be at most " + Topic.MAX_LENGTH + " characters");
        }
        StringBuilder regex = new StringBuilder();
        int expressions = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                throw new InvalidSelectorException("unmatched '}' at position " + i + " in URI template '" + template + "'");
            }
            if (c != '{') {
                if (Character.isISOControl(c)) {
                    throw new InvalidSelectorException("a topic selector must not contain control characters");
                }
                int next = nextBrace(template, i);
                regex.append(Pattern.quote(template.substring(i, next)));
                i = next;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new InvalidSelectorException("unclosed '{' at position " + i + " in URI template '" + template + "'");
            }
            String body = template.substring(i + 1, close);
            if (body.indexOf('{') >= 0) {
                throw new InvalidSelectorException("nested '{' in URI template '" + template + "'");
            }
            if (++expressions > MAX_EXPRESSIONS) {
                throw new InvalidSelectorException("a URI template may have at most " + MAX_EXPRESSIONS + " expressions");
            }
            regex.append(expressionPattern(body, template));
            i = close + 1;
        }
        return new TemplateSelector(template, Pattern.compile(regex.toString()));
    }

    private static int nextBrace(String template, int from) {
        for (int j = from; j < template.length(); j++) {
            char c = template.charAt(j);
            if (c == '{' || c == '}') {
                return j;
            }
        }
        return template.length();
    }

    private static String expressionPattern(String body, String template) {
        if (body.isEmpty()) {
            throw new InvalidSelectorException("empty expression '{}' in URI template '" + template + "'");
        }
        char operator = body.charAt(0);
        String variables = switch (operator) {
            case '+', '#', '/', '.', '?', '&', ';' -> body.substring(1);
            default -> body;
        };
        String[] names = variables.split(",", -1);
        for (String name : names) {
            if (!VARIABLE.matcher(name).matches()) {
                throw new InvalidSelectorException("invalid variable '" + name + "' in URI template '" + template
                        + "': use letters, digits, '_' or '.', as in {id} or {+path}");
            }
        }
        int count = names.length;
        return switch (operator) {
            case '+' -> repeated(".+", ",", count);
            case '#' -> "(?:#" + repeated(".+", ",", count) + ")?";
            case '/' -> "(?:/" + repeated(SEGMENT, "/", count) + ")?";
            case '.' -> "(?:\\." + repeated("[^/?#.]+", "\\.", count) + ")?";
            case '?' -> "(?:\\?" + namedPair(names, "=[^&#]*") + "(?:&" + namedPair(names, "=[^&#]*") + ")*)?";
            case '&' -> "(?:&" + namedPair(names, "=[^&#]*") + ")*";
            case ';' -> "(?:;" + namedPair(names, "(?:=[^;/?#]*)?") + ")*";
            default -> repeated(SEGMENT, ",", count);
        };
    }

    /** {@code name=value} for any of the template's names (undefined variables are left out). */
    private static String namedPair(String[] names, String value) {
        StringBuilder alternatives = new StringBuilder("(?:");
        for (int k = 0; k < names.length; k++) {
            String name = names[k].replaceAll("(:[0-9]+|\\*)$", "");
            alternatives.append(k == 0 ? "" : "|").append(Pattern.quote(name));
        }
        return alternatives.append(')').append(value).toString();
    }

    private static String repeated(String unit, String separator, int count) {
        StringBuilder sb = new StringBuilder(unit);
        for (int k = 1; k < count; k++) {
            sb.append("(?:").append(separator).append(unit).append(")?");
        }
        return sb.toString();
    }
}
