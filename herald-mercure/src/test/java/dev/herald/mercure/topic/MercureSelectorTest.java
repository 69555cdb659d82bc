package dev.herald.mercure.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.topic.AnyTopic;
import dev.herald.core.topic.ExactTopic;
import dev.herald.core.topic.InvalidSelectorException;
import dev.herald.core.topic.TemplateSelector;
import dev.herald.core.topic.Topic;
import org.junit.jupiter.api.Test;

/** The protocol's matching steps: {@code *}, identical strings, then URI templates. */
class MercureSelectorTest {

    @Test
    void theWildcardMatchesEverything() {
        MercureSelector any = MercureSelector.parse("*");

        assertThat(any.matchers()).containsExactly(AnyTopic.INSTANCE);
        assertThat(any.matches(Topic.of("https://example.com/anything"))).isTrue();
    }

    @Test
    void aPlainStringMatchesItselfOnly() {
        MercureSelector exact = MercureSelector.parse("https://example.com/books/1");

        assertThat(exact.matchers()).singleElement().isInstanceOf(ExactTopic.class);
        assertThat(exact.matches(Topic.of("https://example.com/books/1"))).isTrue();
        assertThat(exact.matches(Topic.of("https://example.com/books/10"))).isFalse();
    }

    @Test
    void aTemplateMatchesItsExpansionsAndItsOwnText() {
        MercureSelector template = MercureSelector.parse("https://example.com/books/{id}{#section}");

        assertThat(template.matchers()).hasSize(2).hasAtLeastOneElementOfType(TemplateSelector.class);
        assertThat(template.matches(Topic.of("https://example.com/books/1"))).isTrue();
        assertThat(template.matches(Topic.of("https://example.com/books/1#reviews"))).isTrue();
        assertThat(template.matches(Topic.of("https://example.com/books/{id}{#section}"))).isTrue();
        assertThat(template.matches(Topic.of("https://example.com/books/1/reviews"))).isFalse();
    }

    @Test
    void aStringThatIsNoValidTemplateIsAnExactTopic() {
        MercureSelector broken = MercureSelector.parse("https://example.com/}{");

        assertThat(broken.matchers()).singleElement().isInstanceOf(ExactTopic.class);
        assertThat(broken.matches(Topic.of("https://example.com/}{"))).isTrue();
    }

    @Test
    void whatCanBeNoTopicIsRefused() {
        assertThatThrownBy(() -> MercureSelector.parse("")).isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> MercureSelector.parse("tab\there")).isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> MercureSelector.parse("x".repeat(Topic.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidSelectorException.class);
    }
}
