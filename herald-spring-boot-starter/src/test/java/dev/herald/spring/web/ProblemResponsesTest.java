package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The problem documents of Herald's API and of the Mercure endpoints, to the byte. */
class ProblemResponsesTest {

    private final ProblemResponses problems = new ProblemResponses(JsonMapper.shared());

    @Test
    void aDocumentNamesTypeTitleStatusDetailAndInstanceInThatOrder() {
        assertThat(new String(problems.render(HttpStatus.FORBIDDEN, "refused", "/.well-known/mercure"), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"refused\","
                        + "\"instance\":\"/.well-known/mercure\"}");
        assertThat(new String(problems.render(HttpStatusCode.valueOf(599), "odd", "/x"), StandardCharsets.UTF_8))
                .contains("\"title\":\"Error\"");
    }

    @Test
    void anEntityIsProblemJsonWithItsHeadersAndTheRequestPathAsInstance() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");

        ResponseEntity<byte[]> entity = problems.entity(HttpStatus.SERVICE_UNAVAILABLE, "later", headers,
                new MockHttpServletRequest("POST", "/api/events"));

        assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(entity.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(new String(entity.getBody(), StandardCharsets.UTF_8)).endsWith("\"instance\":\"/api/events\"}");
    }

    @Test
    void writtenOutsideAHandlerTheSameDocumentGoesStraightToTheResponse() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        problems.write(HttpStatus.METHOD_NOT_ALLOWED, "no", HttpHeaders.EMPTY, new MockHttpServletRequest("PUT", "/api/events"),
                response);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\","
                + "\"status\":405,\"detail\":\"no\",\"instance\":\"/api/events\"}");
        assertThat(response.isCommitted()).isTrue();
    }
}
