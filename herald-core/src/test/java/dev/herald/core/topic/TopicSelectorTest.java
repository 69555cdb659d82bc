package dev.herald.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicSelectorTest {

    @Test
    void starMatchesEverything() {
        assertThat(TopicSelector.parse("*")).isSameAs(AnyTopic.INSTANCE);
        assertThat(AnyTopic.INSTANCE.matches(Topic.of("anything/at/all"))).isTrue();
    }

    @Test
    void plainStringIsExact() {
        TopicSelector selector = TopicSelector.parse("https://example.com/books/1");
        assertThat(selector).isEqualTo(new ExactTopic(Topic.of("https://example.com/books/1")));
        assertThat(selector.matches(Topic.of("https://example.com/books/1"))).isTrue();
        assertThat(selector.matches(Topic.of("https://example.com/books/12"))).isFalse();
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        "https://example.com/books/{id},        https://example.com/books/1,            true",
        "https://example.com/books/{id},        https://example.com/books/abc-9,        true",
        "https://example.com/books/{id},        https://example.com/books/1/reviews,    false",
        "https://example.com/books/{id},        https://example.com/books/,             false",
        "https://example.com/books/{id},        https://example.com/authors/1,          false",
        "users/{id},                            users/alice@example.com,                true",
        "https://example.com/{+path},           https://example.com/a/b/c,              true",
        "https://example.com/books{/id},        https://example.com/books/7,            true",
        "https://example.com/books{/id},        https://example.com/books,              true",
        "https://example.com/{a}/x/{b},         https://example.com/1/x/2,              true",
        "https://example.com/{a}/x/{b},         https://example.com/1/y/2,              false",
        "https://example.com/file{.ext},        https://example.com/file.json,          true",
        "a.b/{id},                              aXb/1,                                  false",
        "https://example.com/books{?topic},     https://example.com/books?topic=a%2Fb,  true",
        "https://example.com/books{?topic},     https://example.com/books,              true",
        "https://example.com/books{?topic},     https://example.com/books?other=1,      false",
        "'https://example.com/s{?a,b}',         https://example.com/s?a=1&b=2,          true",
        "https://example.com/s?x=1{&a},         https://example.com/s?x=1&a=2,          true",
        "https://example.com/m{;v},             https://example.com/m;v=3,              true",
    })
    void templatesMatchTheirExpansions(String template, String topic, boolean expected) {
        assertThat(TopicSelector.parse(template).matches(Topic.of(topic))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "books/{id         | unclosed",
        "books/id}         | unmatched",
        "books/{}          | empty expression",
        "books/{a b}       | invalid variable",
        "books/{{id}}      | nested",
    })
    void badTemplatesSayWhatIsWrong(String template, String message) {
        assertThatThrownBy(() -> TopicSelector.parse(template))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining(message);
    }

    @Test
    void emptySelectorIsRefused() {
        assertThatThrownBy(() -> TopicSelector.parse("")).isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> TopicSelector.parse("a\nb")).isInstanceOf(InvalidSelectorException.class);
    }
}
