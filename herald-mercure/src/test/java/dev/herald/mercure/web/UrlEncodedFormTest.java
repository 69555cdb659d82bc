package dev.herald.mercure.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlEncodedFormTest {

    @Test
    void keepsRepeatedNamesInOrderAndDecodesEscapes() {
        UrlEncodedForm form = UrlEncodedForm.parse("topic=a&data=x+y%21&topic=https%3A%2F%2Fexample.com%2F%7Bid%7D&private&empty=");

        assertThat(form.all("topic")).containsExactly("a", "https://example.com/{id}");
        assertThat(form.first("data")).contains("x y!");
        assertThat(form.has("private")).isTrue();
        assertThat(form.first("private")).contains("");
        assertThat(form.first("empty")).contains("");
        assertThat(form.all("absent")).isEmpty();
        assertThat(form.fields().keySet()).containsExactly("topic", "data", "private", "empty");
    }

    @Test
    void decodesUtf8() {
        assertThat(UrlEncodedForm.parse("data=%C3%A9t%C3%A9&raw=été").fields())
                .containsEntry("data", List.of("été")).containsEntry("raw", List.of("été"));
    }

    @Test
    void refusesBrokenEscapesAndBytesThatAreNoUtf8() {
        assertThatThrownBy(() -> UrlEncodedForm.parse("topic=%2")).hasMessageContaining("percent-escape");
        assertThatThrownBy(() -> UrlEncodedForm.parse("topic=%zz")).hasMessageContaining("percent-escape");
        assertThatThrownBy(() -> UrlEncodedForm.parse("topic=%C3%28")).hasMessageContaining("UTF-8");
    }

    @Test
    void nothingIsEmpty() {
        assertThat(UrlEncodedForm.parse(null).fields()).isEmpty();
        assertThat(UrlEncodedForm.parse("").fields()).isEmpty();
        assertThat(UrlEncodedForm.parse("&&").fields()).isEmpty();
    }
}
