package dev.herald.bench.net;

import dev.herald.bench.auth.JwtMinter;
import dev.herald.bench.http.Endpoint;
import dev.herald.bench.http.SubscribeRequest;
import dev.herald.bench.payload.Template;
import dev.herald.bench.worker.WorkerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-subscriber request details from the spec's templates: user name, URL ({@code {i}}, {@code {user}}), headers
 * (with {@code {token}}: an HS256 token minted for that user).
 */
public final class RequestFactory {

    private final WorkerSpec spec;
    private final List<Template> urls;
    private final List<Template> headers;
    private final JwtMinter minter;
    private final List<Endpoint> fixedEndpoints; // one per node, when the URLs take no per-connection value

    public RequestFactory(WorkerSpec spec) {
        this.spec = spec;
        if (spec.subscribeUrls().isEmpty()) {
            throw new IllegalArgumentException("no subscribe URL");
        }
        this.urls = spec.subscribeUrls().stream().map(Template::parse).toList();
        this.headers = spec.subscribeHeaders().stream().map(Template::parse).toList();
        boolean needsToken = urls.stream().anyMatch(u -> u.uses("token"))
                || headers.stream().anyMatch(h -> h.uses("token"));
        this.minter = needsToken ? new JwtMinter(requireSecret(spec.jwtSecret())) : null;
        boolean perConnectionUrl = urls.stream().anyMatch(u -> u.uses("i") || u.uses("user") || u.uses("token"));
        this.fixedEndpoints = perConnectionUrl ? null : spec.subscribeUrls().stream().map(Endpoint::of).toList();
    }

    private static String requireSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("{token} is used in the subscribe URL or headers but no --jwt-secret was given");
        }
        return secret;
    }

    public String user(int index) {
        return spec.userPrefix() + index;
    }

    /** Subscriber {@code index} goes to node {@code index mod nodes} (the order of {@code --subscribe-url}). */
    public Endpoint endpoint(int index) {
        int node = Math.floorMod(index, urls.size());
        return fixedEndpoints != null ? fixedEndpoints.get(node)
                : Endpoint.of(urls.get(node).expand(values(index, user(index))));
    }

    public byte[] request(int index, Endpoint endpoint, String lastEventId) {
        String user = user(index);
        Map<String, String> values = values(index, user);
        List<String> expanded = new ArrayList<>(headers.size());
        for (Template header : headers) {
            expanded.add(header.expand(values));
        }
        return SubscribeRequest.bytes(endpoint, expanded, lastEventId);
    }

    private Map<String, String> values(int index, String user) {
        Map<String, String> values = new HashMap<>(4);
        values.put("i", Integer.toString(index));
        values.put("user", user);
        if (minter != null) {
            List<String> subscribe = spec.tokenSubscribe().stream()
                    .map(s -> s.replace("{user}", user)).toList();
            values.put("token", minter.mint(user, subscribe, List.of(), Duration.ofSeconds(spec.tokenTtlSeconds())));
        }
        return values;
    }
}
