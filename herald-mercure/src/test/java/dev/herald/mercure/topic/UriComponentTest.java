package dev.herald.mercure.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UriComponentTest {

    @Test
    void encodesAsTheProtocolsSubscriptionIrisShowIt() {
        assertThat(UriComponent.encode("https://example.com/{selector}")).isEqualTo("https%3A%2F%2Fexample.com%2F%7Bselector%7D");
        assertThat(UriComponent.encode("urn:uuid:bb3de268-05b0-4c65-b44e-8f9acefc29d6"))
                .isEqualTo("urn%3Auuid%3Abb3de268-05b0-4c65-b44e-8f9acefc29d6");
    }

    @Test
    void keepsOnlyUnreservedCharacters() {
        assertThat(UriComponent.encode("aZ09-._~")).isEqualTo("aZ09-._~");
        assertThat(UriComponent.encode("a b+*é")).isEqualTo("a%20b%2B%2A%C3%A9");
    }
}
