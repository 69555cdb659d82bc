package dev.herald.mercure.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.spring.web.ProblemResponses;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import tools.jackson.databind.json.JsonMapper;

/** Failures on the hub's paths that no endpoint handles are problems too; other paths are not ours. */
class MercurePathErrorResolverTest {

    private final MercurePathErrorResolver resolver = new MercurePathErrorResolver(new ProblemResponses(JsonMapper.shared()));

    @Test
    void anUnservedPathBelowTheHubIsA404Problem() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/.well-known/mercure/subscriptions");
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(resolver.resolveException(request, response, new ResourceHttpRequestHandler(),
                new NoResourceFoundException(HttpMethod.GET, "/.well-known/mercure/subscriptions", ".well-known/mercure/subscriptions")))
                .isNotNull();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("herald.mercure.subscriptions=true");
    }

    @Test
    void otherPathsAreLeftAlone() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/elsewhere");

        assertThat(resolver.resolveException(request, new MockHttpServletResponse(), null,
                new NoResourceFoundException(HttpMethod.GET, "/elsewhere", "elsewhere"))).isNull();
    }
}
