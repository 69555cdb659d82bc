package dev.herald.bench.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where an HTTP/1.1 request goes: socket address, the Host header and the request-target (path and query).
 * Only {@code http://} URLs: the load generator speaks plain HTTP/1.1 on its own sockets.
 */
public record Endpoint(InetSocketAddress address, String hostHeader, String target) {

    public static Endpoint of(String url) {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs are supported: " + url);
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        try {
            InetAddress ip = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            String hostHeader = uri.getPort() < 0 ? host : host + ":" + port;
            return new Endpoint(new InetSocketAddress(ip, port), hostHeader, target);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + url, e);
        }
    }

    public boolean loopback() {
        return address.getAddress().isLoopbackAddress();
    }
}
