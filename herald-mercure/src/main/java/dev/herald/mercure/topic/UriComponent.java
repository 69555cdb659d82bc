package dev.herald.mercure.topic;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as RFC 6570 simple string expansion does it: unreserved characters stay, every
 * other byte of the UTF-8 form becomes {@code %XX}. So {@code :}, {@code /}, <code>{</code> and
 * <code>}</code> of a topic or subscriber IRI are encoded, as the protocol asks for subscription
 * topics and the subscriptions API's paths. ({@code URLEncoder} would not do: it writes a space
 * as {@code +} and keeps {@code *}.)
 */
public final class UriComponent {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriComponent() {
    }

    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
