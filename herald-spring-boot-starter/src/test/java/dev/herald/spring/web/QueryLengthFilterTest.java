package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which query strings reach the container's parameter parsing (the rest are a 400 problem). */
class QueryLengthFilterTest {

    @Test
    void onlyValidPercentEncodedUtf8IsDecodable() {
        assertThat(QueryLengthFilter.decodable("topic=news&topic=users%2F%7Bid%7D&lastEventId=a+b")).isTrue();
        assertThat(QueryLengthFilter.decodable("topic=%E2%82%AC")).isTrue();
        assertThat(QueryLengthFilter.decodable("topic=%zz")).isFalse();
        assertThat(QueryLengthFilter.decodable("topic=%4")).isFalse();
        assertThat(QueryLengthFilter.decodable("topic=%")).isFalse();
        assertThat(QueryLengthFilter.decodable("topic=%FF%FE")).isFalse();
        assertThat(QueryLengthFilter.decodable("topic=\u00e9")).isFalse();
    }
}
