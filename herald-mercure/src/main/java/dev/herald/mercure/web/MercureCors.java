package dev.herald.mercure.web;

import dev.herald.spring.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS as Mercure hubs do it, on the hub's paths only: the configured origins may subscribe and
 * publish from the browser with credentials (the {@code mercureAuthorization} cookie, or
 * {@code EventSource}'s {@code withCredentials}), sending {@code Authorization},
 * {@code Cache-Control} and {@code Last-Event-ID}. {@code *} allows every origin but, as browsers
 * refuse credentials with a wildcard, without credentials. A cross-origin request from any other
 * origin is refused with a problem document.
 *
 * <p>A servlet filter rather than Spring MVC's CORS mappings, so that the refusal can be a problem
 * document without changing the CORS handling of the application's other endpoints.
 */
public final class MercureCors extends CorsFilter {

    public MercureCors(List<String> origins, ProblemResponses problems) {
        super(source(origins));
        setCorsProcessor(new ProblemRejectingProcessor(problems));
    }

    private static UrlBasedCorsConfigurationSource source(List<String> origins) {
        boolean wildcard = origins.contains("*");
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(wildcard ? List.of("*") : List.copyOf(origins));
        configuration.setAllowCredentials(!wildcard);
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CACHE_CONTROL, "Last-Event-ID"));
        // a fetch-based subscriber reads where its stream resumed; an API client, the hub's link and tag
        configuration.setExposedHeaders(List.of("Last-Event-ID", HttpHeaders.LINK, HttpHeaders.ETAG));
        configuration.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(MercurePaths.HUB, configuration);
        source.registerCorsConfiguration(MercurePaths.HUB + "/**", configuration);
        return source;
    }

    private static final class ProblemRejectingProcessor extends DefaultCorsProcessor {

        private final ProblemResponses problems;

        ProblemRejectingProcessor(ProblemResponses problems) {
            this.problems = problems;
        }

        /**
         * Writes the refusal here, where the request is at hand: its body (a publish's form) is still
         * unread, and {@link ProblemResponses} reads and drops it first so the connection can carry the
         * client's next request (a refusal followed by a silent close would fail the next request of a
         * client that reuses the connection).
         */
        @Override
        public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (super.processRequest(config, request, response)) {
                return true;
            }
            problems.write(HttpStatus.FORBIDDEN, "cross-origin request refused: this origin, method or header is not"
                    + " allowed; herald.mercure.cors-origins lists the origins that may use the hub",
                    HttpHeaders.EMPTY, request, response);
            return false;
        }

        /** Nothing: {@link #processRequest} writes the refusal. */
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
        }
    }
}
