package dev.herald.mercure.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagTest {

    private final EntityTag tag = new EntityTag("urn:uuid:5e94c686-2c0b-4f9b-958c-92ccc3bbb4eb");

    @Test
    void isTheQuotedLastEventId() {
        assertThat(tag.header()).isEqualTo("\"urn:uuid:5e94c686-2c0b-4f9b-958c-92ccc3bbb4eb\"");
        assertThat(new EntityTag("a \"b\"").header()).isEqualTo("\"a%20%22b%22\"");
    }

    @Test
    void isMatchedQuotedWeakBareInAListOrByAStar() {
        assertThat(tag.matchedBy(tag.header())).isTrue();
        assertThat(tag.matchedBy("W/" + tag.header())).isTrue();
        assertThat(tag.matchedBy("urn:uuid:5e94c686-2c0b-4f9b-958c-92ccc3bbb4eb")).isTrue();
        assertThat(tag.matchedBy("\"other\", " + tag.header())).isTrue();
        assertThat(tag.matchedBy("*")).isTrue();
    }

    @Test
    void isNotMatchedByAnotherTagOrNothing() {
        assertThat(tag.matchedBy("\"urn:uuid:other\"")).isFalse();
        assertThat(tag.matchedBy(null)).isFalse();
        assertThat(tag.matchedBy(" ")).isFalse();
    }
}
