package dev.herald.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Immutable configuration of a {@link HeraldEventSource}. Start from {@link #of(URI)} and refine
 * with the {@code with…} methods, each of which returns a validated copy:
 *
 * <pre>{@code
 * EventSourceOptions options = EventSourceOptions.of(URI.create("https://hub.example/streams/orders"))
 *         .withBearerToken(tokens::current)          // asked again on every (re)connection
 *         .withHeader("X-Tenant", "acme")
 *         .withInitialRetry(Duration.ofSeconds(2))
 *         .withMaxBackoff(Duration.ofSeconds(60))
 *         .withReadTimeout(Duration.ofSeconds(45));
 * }</pre>
 *
 * @param uri             the stream URL; absolute, {@code http} or {@code https}
 * @param headers         extra request headers, names as given, values in order; must not contain
 *                        {@code Accept}, {@code Cache-Control} or {@code Last-Event-ID} (the source
 *                        manages those), nor names {@link HttpRequest.Builder#header} rejects
 * @param reconnectPolicy backoff policy; its base delay is the initial reconnection time, replaced by
 *                        the server's {@code retry:} field when one arrives
 * @param readTimeout     if no byte (nor the response headers) arrives for this long, the connection
 *                        is considered dead and is replaced; {@link Duration#ZERO} disables it.
 *                        Keep it above the server's heartbeat interval (Herald: 15 s)
 * @param httpClient      the client to send requests with
 * @param lastEventId     the last event ID to resume from, sent as {@code Last-Event-ID} on the first
 *                        connection; {@code ""} for none
 * @param bearerToken     asked for a token before every connection attempt, on the connection
 *                        thread; a non-empty result is sent as {@code Authorization: Bearer <token>},
 *                        {@code null} or {@code ""} sends none. Must not be combined with an
 *                        {@code Authorization} entry in {@code headers}
 */
public record EventSourceOptions(
        URI uri,
        Map<String, List<String>> headers,
        ReconnectPolicy reconnectPolicy,
        Duration readTimeout,
        HttpClient httpClient,
        String lastEventId,
        Supplier<String> bearerToken) {

    /** Default read timeout: four Herald heartbeats. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private static final Set<String> MANAGED_HEADERS = Set.of("accept", "cache-control", "last-event-id");
    private static final Supplier<String> NO_TOKEN = () -> null;

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if a component is invalid
     */
    public EventSourceOptions {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("uri must be absolute http(s): " + uri);
        }
        headers = copyAndValidate(headers, uri);
        Objects.requireNonNull(reconnectPolicy, "reconnectPolicy");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (readTimeout.isNegative()) {
            throw new IllegalArgumentException("readTimeout must not be negative: " + readTimeout);
        }
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(lastEventId, "lastEventId");
        if (lastEventId.indexOf('\0') >= 0 || lastEventId.indexOf('\r') >= 0 || lastEventId.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("lastEventId must not contain NUL, CR or LF");
        }
        Objects.requireNonNull(bearerToken, "bearerToken");
        if (bearerToken != NO_TOKEN && headers.keySet().stream().anyMatch(n -> n.equalsIgnoreCase("authorization"))) {
            throw new IllegalArgumentException("use either an Authorization header or a bearer token, not both");
        }
    }

    /**
     * Options with defaults: no extra headers, {@link ReconnectPolicy#defaults()},
     * {@link #DEFAULT_READ_TIMEOUT}, a shared {@link HttpClient} (redirects followed except HTTPS to
     * HTTP, 10 s connect timeout), no last event ID, no token.
     *
     * @param uri the stream URL
     * @return the options
     */
    public static EventSourceOptions of(URI uri) {
        return new EventSourceOptions(uri, Map.of(), ReconnectPolicy.defaults(), DEFAULT_READ_TIMEOUT,
                DefaultHttpClient.shared(), "", NO_TOKEN);
    }

    /**
     * A copy with one more header value (headers may repeat).
     *
     * @param name  header name
     * @param value header value
     * @return new options
     */
    public EventSourceOptions withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        String key = copy.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
        List<String> values = new ArrayList<>(copy.getOrDefault(key, List.of()));
        values.add(value);
        copy.put(key, values);
        return new EventSourceOptions(uri, copy, reconnectPolicy, readTimeout, httpClient, lastEventId, bearerToken);
    }

    /**
     * A copy that sends {@code Authorization: Bearer <token>} with a fixed token.
     *
     * @param token the token, not blank
     * @return new options
     */
    public EventSourceOptions withBearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return withBearerToken(() -> token);
    }

    /**
     * A copy that asks {@code tokens} for a bearer token before every connection attempt, so a
     * refreshed token is used when the server ends a stream whose credentials expired.
     *
     * @param tokens token supplier; see {@link #bearerToken()}
     * @return new options
     */
    public EventSourceOptions withBearerToken(Supplier<String> tokens) {
        return new EventSourceOptions(uri, headers, reconnectPolicy, readTimeout, httpClient, lastEventId, tokens);
    }

    /**
     * A copy with another reconnect policy.
     *
     * @param policy the policy
     * @return new options
     */
    public EventSourceOptions withReconnectPolicy(ReconnectPolicy policy) {
        return new EventSourceOptions(uri, headers, policy, readTimeout, httpClient, lastEventId, bearerToken);
    }

    /**
     * A copy whose reconnect policy has another base delay (the initial reconnection time, used until
     * the server sends {@code retry:}).
     *
     * @param delay the initial retry delay, {@code >= 0}
     * @return new options
     */
    public EventSourceOptions withInitialRetry(Duration delay) {
        return withReconnectPolicy(reconnectPolicy.withBaseDelay(delay));
    }

    /**
     * A copy whose reconnect policy has another cap.
     *
     * @param delay the maximum backoff delay, {@code >= 0}
     * @return new options
     */
    public EventSourceOptions withMaxBackoff(Duration delay) {
        return withReconnectPolicy(reconnectPolicy.withMaxDelay(delay));
    }

    /**
     * A copy with another read timeout.
     *
     * @param timeout the timeout; {@link Duration#ZERO} disables it
     * @return new options
     */
    public EventSourceOptions withReadTimeout(Duration timeout) {
        return new EventSourceOptions(uri, headers, reconnectPolicy, timeout, httpClient, lastEventId, bearerToken);
    }

    /**
     * A copy that uses {@code client} (e.g. one with an {@code SSLContext}, proxy or executor). The
     * source never closes it.
     *
     * @param client the client
     * @return new options
     */
    public EventSourceOptions withHttpClient(HttpClient client) {
        return new EventSourceOptions(uri, headers, reconnectPolicy, readTimeout, client, lastEventId, bearerToken);
    }

    /**
     * A copy that resumes after {@code id}: it is sent as {@code Last-Event-ID} on the first
     * connection and carried by events until the stream sets another id.
     *
     * @param id the last event ID, {@code ""} for none
     * @return new options
     */
    public EventSourceOptions withLastEventId(String id) {
        return new EventSourceOptions(uri, headers, reconnectPolicy, readTimeout, httpClient, id, bearerToken);
    }

    private static Map<String, List<String>> copyAndValidate(Map<String, List<String>> headers, URI uri) {
        Objects.requireNonNull(headers, "headers");
        HttpRequest.Builder probe = HttpRequest.newBuilder(uri);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "header name");
            if (MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header is managed by the event source: " + name);
            }
            List<String> values = List.copyOf(Objects.requireNonNull(entry.getValue(), "header values"));
            for (String value : values) {
                probe.header(name, value); // throws IllegalArgumentException for restricted or invalid headers
            }
            copy.put(name, values);
        }
        return Collections.unmodifiableMap(copy);
    }
}
