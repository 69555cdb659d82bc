package dev.herald.client;

/**
 * The server answered with a status other than 200. HTTP 204 is the server's way of saying "stop"
 * and is never retried. 502, 503 and 504 are treated as transient (a gateway or overloaded server,
 * typically during a deployment) and retried with backoff, a documented deviation from the WHATWG
 * model, which fails the connection on any non-200 status. All other statuses fail the connection.
 *
 * @param statusCode the HTTP status code received
 */
public record UnexpectedStatus(int statusCode) implements ConnectionError {

    /**
     * Whether {@code statusCode} is one this client retries.
     *
     * @param statusCode an HTTP status code
     * @return {@code true} for 502, 503 and 504
     */
    public static boolean isRetryable(int statusCode) {
        return statusCode == 502 || statusCode == 503 || statusCode == 504;
    }

    @Override
    public boolean retryable() {
        return isRetryable(statusCode);
    }

    @Override
    public String describe() {
        return statusCode == 204 ? "HTTP 204: the server asked the client to stop" : "HTTP status " + statusCode;
    }
}
