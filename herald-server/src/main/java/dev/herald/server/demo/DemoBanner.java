package dev.herald.server.demo;

import dev.herald.core.event.UserId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Tells whoever started the server in demo mode how to use it: the generated secret, a token per
 * demo user and for a publisher, and commands to try. Logged once the server is ready, so the
 * port in the commands is the real one.
 */
final class DemoBanner implements ApplicationListener<ApplicationReadyEvent> {

    static final List<String> DEMO_USERS = List.of("alice", "bob");
    private static final Logger log = LoggerFactory.getLogger(DemoBanner.class);
    private static final String RULE = "=".repeat(100);

    private final DemoSecret secret;
    private final DemoTokens tokens;

    DemoBanner(DemoSecret secret, DemoTokens tokens) {
        this.secret = secret;
        this.tokens = tokens;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            log.info(text(baseUrl(event.getApplicationContext().getEnvironment(), web.getWebServer().getPort())));
        }
    }

    String text(String baseUrl) {
        String alice = tokens.user(UserId.of(DEMO_USERS.getFirst())).token();
        String publisher = tokens.publisher().token();
        StringBuilder out = new StringBuilder("\n").append(RULE).append('\n')
                .append(" Herald runs in DEMO MODE: no key is configured, so this run signs tokens with a generated\n")
                .append(" secret (tokens stop working on restart). Set HERALD_SECURITY_JWT_SECRET (or a public key or\n")
                .append(" JWKS URL, see docs/security.md) to use your own key; that also turns off the demo token endpoint.\n\n")
                .append("   secret (HS256):  ").append(secret.value()).append("\n\n")
                .append(" Demo tokens, valid ").append(DemoTokens.VALIDITY.toHours()).append("h:\n");
        out.append("   ").append(String.format("%-10s", DEMO_USERS.getFirst())).append(alice).append('\n');
        for (String user : DEMO_USERS.subList(1, DEMO_USERS.size())) {
            out.append("   ").append(String.format("%-10s", user)).append(tokens.user(UserId.of(user)).token()).append('\n');
        }
        out.append("   ").append(String.format("%-10s", DemoTokens.PUBLISHER.value())).append(publisher)
                .append("\n   (every demo token may publish to every topic)\n\n")
                .append(" Open ").append(baseUrl).append("/ for the demo page, or try:\n")
                .append("   curl -N -H 'Authorization: Bearer ").append(alice).append("' '")
                .append(baseUrl).append("/api/subscribe?topic=news'\n")
                .append("   curl -X POST ").append(baseUrl).append("/api/events -H 'Authorization: Bearer ").append(publisher)
                .append("' -H 'Content-Type: application/json' -d '{\"users\": [\"alice\"], \"type\": \"notification\",")
                .append(" \"data\": {\"text\": \"Hello, alice\"}}'\n")
                .append("   curl '").append(baseUrl).append("/demo/token?user=carol'\n")
                .append(RULE);
        return out.toString();
    }

    private static String baseUrl(Environment environment, int port) {
        String address = environment.getProperty("server.address", "127.0.0.1");
        if (address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address)) {
            address = "127.0.0.1";
        } else if (address.contains(":")) {
            address = "[" + address + "]";
        }
        return "http://" + address + ":" + port;
    }
}
