package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.spring.config.HeraldConfigurationException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Demo mode never runs exposed by accident: it refuses a non-loopback address unless forced, and any
 * configured key (also a public key) turns it and its token minting off.
 */
class DemoModeSafetyTest {

    @Test
    void demoModeOnAllInterfacesRefusesToStartNamingTheForceProperty() {
        Throwable failure = catchThrowable(() -> SpringApplication.run(HeraldServerApplication.class,
                "--server.port=0", "--server.address=0.0.0.0", "--herald.store.type=memory").close());

        Throwable cause = failure;
        while (cause != null && !(cause instanceof HeraldConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("cause of %s", failure).isInstanceOf(HeraldConfigurationException.class)
                .hasMessageContaining("demo mode on a non-loopback address (0.0.0.0)");
        assertThat(((HeraldConfigurationException) cause).action()).contains("herald.demo.force=true");
    }

    @Test
    void aPublicKeyTurnsDemoModeOff() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAECEljwqzwfQjxa6apnuyeunylwgqb\n"
                + "j8QWl0Ld/tHbUqeBEiWET0d0jjXFwqafzqYrVbCUXI22QBbAqKvMa19CKQ==\n"
                + "-----END PUBLIC KEY-----";
        try (ConfigurableApplicationContext context = SpringApplication.run(HeraldServerApplication.class,
                "--server.port=0", "--herald.store.type=memory", "--herald.security.jwt.public-key=" + pem)) {
            ServerHttp http = new ServerHttp(((ServletWebServerApplicationContext) context).getWebServer().getPort());
            HttpResponse<String> token = http.get("/demo/token?user=mallory");
            assertThat(token.statusCode()).isEqualTo(404);
            assertThat(context.getBeanNamesForType(dev.herald.spring.security.HeraldTokenIssuer.class)).isEmpty();
        }
    }
}
