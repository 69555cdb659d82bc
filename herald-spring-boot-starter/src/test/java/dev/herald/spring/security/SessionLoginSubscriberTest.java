package dev.herald.spring.security;

import static dev.herald.spring.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.HeraldHttp;
import dev.herald.spring.support.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * An application with its own Spring Security and a session (form) login: its logged-in user
 * subscribes without any JWT, as the identity its {@link HeraldIdentityResolver} returns.
 */
@SpringBootTest(classes = SessionLoginSubscriberTest.SessionLoginApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "herald.security.jwt.secret=" + TestTokens.SECRET,
        "herald.heartbeat=1s",
})
class SessionLoginSubscriberTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    static class SessionLoginApplication {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
        }

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http
                    // the login form is the test's own client here; a real application keeps CSRF on for it
                    .csrf(csrf -> csrf.disable())
                    .authorizeHttpRequests(requests -> requests.requestMatchers("/api/**").permitAll().anyRequest().authenticated())
                    .formLogin(form -> form.successHandler((request, response, authentication) -> response.setStatus(204)))
                    .build();
        }

        /** The application decides: its user name is the Herald user, and every member sees team news. */
        @Bean
        HeraldIdentityResolver heraldIdentity() {
            return authentication -> Optional.of(HeraldIdentity.of(authentication.getName(), "teams/blue"));
        }
    }

    @LocalServerPort
    int port;

    @Test
    void sessionUserSubscribesWithoutAJwtAndReceivesTheirPrivateEvents() {
        HeraldHttp http = new HeraldHttp(port);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(http.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=wonderland")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(204);
        String session = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        try (SseStream stream = SseStream.open(http.subscribeUri("topic", "teams/blue"), Map.of("Cookie", session))) {
            assertThat(stream.status()).isEqualTo(200);
            String publisher = TestTokens.publisher("*");
            http.publishOk(publisher, "{\"users\": [\"alice\"], \"data\": \"for alice\"}");
            http.publishOk(publisher, "{\"topics\": [\"teams/blue\"], \"private\": true, \"data\": \"for the team\"}");
            http.publishOk(publisher, "{\"users\": [\"bob\"], \"data\": \"for bob\"}");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(stream.data()).containsExactly("for alice", "for the team"));
        }
    }

    @Test
    void withoutSessionOrTokenHeraldStillAsksForAToken() {
        HttpResponse<String> response = new HeraldHttp(port).get("/api/subscribe?topic=news", Map.of());
        assertThat(assertProblem(response, 401)).contains("no token");
    }
}
