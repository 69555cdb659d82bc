package dev.herald.spring.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Assertions on RFC 9457 answers. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.shared();

    private Problems() {
    }

    /** Asserts the status, the problem content type and the problem's own status; returns its detail. */
    public static String assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("type").stringValue()).isEqualTo("about:blank");
        return problem.get("detail").stringValue();
    }
}
