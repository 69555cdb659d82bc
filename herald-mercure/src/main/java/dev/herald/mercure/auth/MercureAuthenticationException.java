package dev.herald.mercure.auth;

/** A Mercure request without a usable token where one is needed: answered with 401. */
public final class MercureAuthenticationException extends RuntimeException {

    private final transient AuthFailure failure;

    public MercureAuthenticationException(AuthFailure failure) {
        super(failure.description(), null, false, false);
        this.failure = failure;
    }

    public AuthFailure failure() {
        return failure;
    }

    /** The {@code WWW-Authenticate} value, as RFC 6750 section 3 spells it. */
    public String challenge() {
        if (failure instanceof AuthFailure.NoToken) {
            return "Bearer realm=\"mercure\"";
        }
        return "Bearer realm=\"mercure\", error=\"invalid_token\", error_description=\"" + quotable(failure.description()) + "\"";
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
