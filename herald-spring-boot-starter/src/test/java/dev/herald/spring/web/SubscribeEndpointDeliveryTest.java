package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.core.testing.SseStream;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Which stream gets which event, over real HTTP: personal topics, exact topics, URI templates and
 * {@code *}, public and private events. "Not delivered" is checked after a later event that the
 * same stream does get: a stream receives events in log order, so anything that was going to
 * arrive before it has.
 */
class SubscribeEndpointDeliveryTest extends OpenHubTestSupport {

    @Test
    void personalEventReachesEveryTabOfTheUserAndNoOtherUser() {
        SseStream aliceTab1 = userStream(TestTokens.user("alice-d"));
        SseStream aliceTab2 = userStream(TestTokens.user("alice-d"));
        SseStream bob = userStream(TestTokens.user("bob-d"));

        http.publishOk(publisher, "{\"users\": [\"alice-d\"], \"type\": \"notification\", \"data\": {\"text\": \"hi alice\"}}");
        http.publishOk(publisher, "{\"users\": [\"bob-d\"], \"data\": \"hi bob\"}");

        await().untilAsserted(() -> {
            assertThat(aliceTab1.data()).containsExactly("{\"text\":\"hi alice\"}");
            assertThat(aliceTab2.data()).containsExactly("{\"text\":\"hi alice\"}");
            assertThat(bob.data()).containsExactly("hi bob");
        });
        assertThat(aliceTab1.events()).extracting(SseEvent::type).containsExactly("notification");
        assertThat(bob.events()).extracting(SseEvent::type).containsExactly("message");
    }

    @Test
    void exactTemplateAndWildcardSelectorsChooseTopics() {
        SseStream exact = stream(http.subscribeUri("topic", "shelf/1"));
        SseStream template = stream(http.subscribeUri("topic", "shelf/{id}"));
        SseStream reserved = stream(http.subscribeUri("topic", "shelf/{+path}"));
        SseStream any = stream(http.subscribeUri("topic", "*"));

        http.publishOk(publisher, "{\"topics\": [\"shelf/1\"], \"data\": \"one\"}");
        http.publishOk(publisher, "{\"topics\": [\"shelf/2\"], \"data\": \"two\"}");
        http.publishOk(publisher, "{\"topics\": [\"shelf/1/reviews\"], \"data\": \"review\"}");
        http.publishOk(publisher, "{\"topics\": [\"elsewhere\", \"shelf/1\"], \"data\": \"last\"}");

        await().untilAsserted(() -> assertThat(any.data()).containsSubsequence("one", "two", "review", "last"));
        await().untilAsserted(() -> {
            assertThat(exact.data()).containsExactly("one", "last");
            assertThat(template.data()).containsExactly("one", "two", "last");
            assertThat(reserved.data()).containsExactly("one", "two", "review", "last");
        });
    }

    @Test
    void privateEventsReachOnlyGrantedSubscribers() {
        SseStream anonymous = stream(http.subscribeUri("topic", "orders/7"));
        SseStream exactGrant = userStream(TestTokens.user("carol-d", "orders/7"), "orders/7");
        SseStream templateGrant = userStream(TestTokens.user("clerk-d", "orders/{id}"), "orders/{id}");
        SseStream noGrant = userStream(TestTokens.user("dave-d"), "orders/7");

        http.publishOk(publisher, "{\"topics\": [\"orders/7\"], \"private\": true, \"data\": \"secret\"}");
        http.publishOk(publisher, "{\"topics\": [\"orders/7\"], \"data\": \"public\"}");

        await().untilAsserted(() -> {
            assertThat(exactGrant.data()).containsExactly("secret", "public");
            assertThat(templateGrant.data()).containsExactly("secret", "public");
            assertThat(noGrant.data()).containsExactly("public");
            assertThat(anonymous.data()).containsExactly("public");
        });
    }

    @Test
    void subscribingToAnotherUsersTopicDoesNotGrantTheirPrivateEvents() {
        SseStream mallory = userStream(TestTokens.user("mallory-d"), "users/victim-d");
        SseStream anonymous = stream(http.subscribeUri("topic", "users/victim-d"));

        http.publishOk(publisher, "{\"users\": [\"victim-d\"], \"data\": \"for the victim only\"}");
        http.publishOk(publisher, "{\"topics\": [\"users/victim-d\"], \"data\": \"public on that topic\"}");

        await().untilAsserted(() -> {
            assertThat(mallory.data()).containsExactly("public on that topic");
            assertThat(anonymous.data()).containsExactly("public on that topic");
        });
    }

    @Test
    void userWithoutTopicParameterGetsOnlyTheirPersonalTopic() {
        SseStream eve = userStream(TestTokens.user("eve-d"));
        SseStream news = stream(http.subscribeUri("topic", "news-d"));

        http.publishOk(publisher, "{\"topics\": [\"news-d\"], \"data\": \"headline\"}");
        http.publishOk(publisher, "{\"users\": [\"eve-d\"], \"data\": \"for eve\"}");
        http.publishOk(publisher, "{\"topics\": [\"news-d\"], \"data\": \"second headline\"}");

        await().untilAsserted(() -> {
            assertThat(news.data()).containsExactly("headline", "second headline");
            assertThat(eve.data()).containsExactly("for eve");
        });
    }
}
