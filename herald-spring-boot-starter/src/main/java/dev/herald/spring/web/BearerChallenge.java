package dev.herald.spring.web;

import dev.herald.spring.security.AuthenticationFailure;
import dev.herald.spring.security.AuthenticationFailure.NoToken;

/**
 * The {@code WWW-Authenticate} value of a 401 or 403, as RFC 6750 section 3 spells it. Public for
 * the protocol modules (Mercure) whose endpoints answer their own challenges in their own realm.
 */
public final class BearerChallenge {

    public static final String HEADER = "WWW-Authenticate";

    private static final String SCHEME = "Bearer ";

    private BearerChallenge() {
    }

    /** Herald's API: no token, a bare challenge; any other failure, {@code invalid_token} with the reason. */
    static String of(AuthenticationFailure failure) {
        if (failure instanceof NoToken) {
            return noToken("herald");
        }
        return invalidToken(failure.description());
    }

    /** No token where one is needed: RFC 6750 names no error then, only the realm. */
    public static String noToken(String realm) {
        return SCHEME + realm(realm);
    }

    /** A token that cannot be used, without a realm: {@code error="invalid_token"} and the reason. */
    public static String invalidToken(String description) {
        return SCHEME + error("invalid_token", description);
    }

    /** A token that cannot be used, in {@code realm}: {@code error="invalid_token"} and the reason. */
    public static String invalidToken(String realm, String description) {
        return SCHEME + realm(realm) + ", " + error("invalid_token", description);
    }

    public static String insufficientScope(String description) {
        return SCHEME + error("insufficient_scope", description);
    }

    private static String realm(String realm) {
        return "realm=\"" + quotable(realm) + "\"";
    }

    private static String error(String code, String description) {
        return "error=\"" + code + "\", error_description=\"" + quotable(description) + "\"";
    }

    /** RFC 6750 allows printable ASCII without {@code "} and {@code \} in a quoted value. */
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\'');
            } else if (c < 0x20 || c > 0x7e) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
