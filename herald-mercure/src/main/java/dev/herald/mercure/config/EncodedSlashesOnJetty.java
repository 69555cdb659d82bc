package dev.herald.mercure.config;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Lets {@code %2F} through Jetty, for the subscriptions API: its paths hold a topic and a
 * subscriber IRI percent-encoded into one segment each
 * ({@code /.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2Fbooks%2F1/urn%3Auuid%3A...}),
 * and Jetty 12 refuses an encoded slash as an ambiguous path separator by default. Spring MVC
 * matches on the raw path, segment by segment, so the slash stays part of its segment.
 *
 * <p>This applies to the whole server, so it is registered only when the subscriptions API is on
 * (docs/mercure.md says so); an application that checks servlet paths itself should know.
 */
final class EncodedSlashesOnJetty implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

    @Override
    public void customize(ConfigurableJettyWebServerFactory factory) {
        factory.addServerCustomizers(EncodedSlashesOnJetty::allowEncodedSlashes);
    }

    private static void allowEncodedSlashes(Server server) {
        for (Connector connector : server.getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                HttpConfiguration configuration = http.getHttpConfiguration();
                configuration.setUriCompliance(configuration.getUriCompliance()
                        .with("herald-mercure", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
            }
        }
    }
}
