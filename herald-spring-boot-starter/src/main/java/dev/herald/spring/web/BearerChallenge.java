package dev.herald.spring.web;

import dev.herald.spring.security.AuthenticationFailure;
import dev.herald.spring.security.AuthenticationFailure.NoToken;

/** The {@code WWW-Authenticate} value of a 401 or 403, as RFC 6750 section 3 spells it. */
final class BearerChallenge {

    static final String HEADER = "WWW-Authenticate";

    private BearerChallenge() {
    }

    /** No token: a bare challenge; any other failure: {@code invalid_token} with the reason. */
    static String of(AuthenticationFailure failure) {
        if (failure instanceof NoToken) {
            return "Bearer realm=\"herald\"";
        }
        return "Bearer error=\"invalid_token\", error_description=\"" + quotable(failure.description()) + "\"";
    }

    static String insufficientScope(String description) {
        return "Bearer error=\"insufficient_scope\", error_description=\"" + quotable(description) + "\"";
    }

    /** RFC 6750 allows printable ASCII without {@code "} and {@code \} in error_description. */
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
