package dev.herald.server.demo;

import dev.herald.spring.config.HeraldConfigurationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.core.env.Environment;

/**
 * Demo mode hands any user's token to anyone who asks: safe on the loopback interface only. On any
 * other address the server refuses to start, unless {@code herald.demo.force=true} says that this
 * is deliberate (a demo on a private network, say).
 */
final class DemoExposureGuard {

    static final String FORCE_PROPERTY = "herald.demo.force";

    private DemoExposureGuard() {
    }

    static void check(Environment environment) {
        if (environment.getProperty(FORCE_PROPERTY, Boolean.class, false)) {
            return;
        }
        String address = environment.getProperty("server.address", "");
        if (!isLoopback(address)) {
            throw new HeraldConfigurationException("demo mode on a non-loopback address ("
                    + (address.isBlank() ? "all interfaces" : address) + "): anyone who reaches it can get a token for"
                    + " any user", "Configure a key (HERALD_SECURITY_JWT_SECRET, herald.security.jwt.public-key or"
                    + " herald.security.jwt.jwk-set-uri), which turns demo mode off; or bind to 127.0.0.1"
                    + " (SERVER_ADDRESS=127.0.0.1); or, if you really mean it, set " + FORCE_PROPERTY + "=true.");
        }
    }

    private static boolean isLoopback(String address) {
        if (address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
