package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.SseEvent;
import dev.herald.spring.support.OpenHubTestSupport;
import dev.herald.spring.support.SseTestClient;
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
        SseTestClient aliceTab1 = userStream(TestTokens.user("alice-d"));
        SseTestClient aliceTab2 = userStream(TestTokens.user("alice-d"));
        SseTestClient bob = userStream(TestTokens.user("bob-d"));

        http.publishOk(publisher, "{\"users\": [\"alice-d\"], \"type\": \"notification\", \"data\": {\"text\": \"hi alice\"}}");
        http.publishOk(publisher, "{\"users\": [\"bob-d\"], \"data\": \"hi bob\"}");

        await().untilAsserted(() -> {
            assertThat(aliceTab1.eventData()).containsExactly("{\"text\":\"hi alice\"}");
            assertThat(aliceTab2.eventData()).containsExactly("{\"text\":\"hi alice\"}");
            assertThat(bob.eventData()).containsExactly("hi bob");
        });
        assertThat(aliceTab1.events()).extracting(SseEvent::type).containsExactly("notification");
        assertThat(bob.events()).extracting(SseEvent::type).containsExactly("message");
    }

    @Test
    void exactTemplateAndWildcardSelectorsChooseTopics() {
        SseTestClient exact = stream(http.subscribeUri("topic", "shelf/1"));
        SseTestClient template = stream(http.subscribeUri("topic", "shelf/{id}"));
        SseTestClient reserved = stream(http.subscribeUri("topic", "shelf/{+path}"));
        SseTestClient any = stream(http.subscribeUri("topic", "*"));

        http.publishOk(publisher, "{\"topics\": [\"shelf/1\"], \"data\": \"one\"}");
        http.publishOk(publisher, "{\"topics\": [\"shelf/2\"], \"data\": \"two\"}");
        http.publishOk(publisher, "{\"topics\": [\"shelf/1/reviews\"], \"data\": \"review\"}");
        http.publishOk(publisher, "{\"topics\": [\"elsewhere\", \"shelf/1\"], \"data\": \"last\"}");

        await().untilAsserted(() -> assertThat(any.eventData()).containsSubsequence("one", "two", "review", "last"));
        await().untilAsserted(() -> {
            assertThat(exact.eventData()).containsExactly("one", "last");
            assertThat(template.eventData()).containsExactly("one", "two", "last");
            assertThat(reserved.eventData()).containsExactly("one", "two", "review", "last");
        });
    }

    @Test
    void privateEventsReachOnlyGrantedSubscribers() {
        SseTestClient anonymous = stream(http.subscribeUri("topic", "orders/7"));
        SseTestClient exactGrant = userStream(TestTokens.user("carol-d", "orders/7"), "orders/7");
        SseTestClient templateGrant = userStream(TestTokens.user("clerk-d", "orders/{id}"), "orders/{id}");
        SseTestClient noGrant = userStream(TestTokens.user("dave-d"), "orders/7");

        http.publishOk(publisher, "{\"topics\": [\"orders/7\"], \"private\": true, \"data\": \"secret\"}");
        http.publishOk(publisher, "{\"topics\": [\"orders/7\"], \"data\": \"public\"}");

        await().untilAsserted(() -> {
            assertThat(exactGrant.eventData()).containsExactly("secret", "public");
            assertThat(templateGrant.eventData()).containsExactly("secret", "public");
            assertThat(noGrant.eventData()).containsExactly("public");
            assertThat(anonymous.eventData()).containsExactly("public");
        });
    }

    @Test
    void subscribingToAnotherUsersTopicDoesNotGrantTheirPrivateEvents() {
        SseTestClient mallory = userStream(TestTokens.user("mallory-d"), "users/victim-d");
        SseTestClient anonymous = stream(http.subscribeUri("topic", "users/victim-d"));

        http.publishOk(publisher, "{\"users\": [\"victim-d\"], \"data\": \"for the victim only\"}");
        http.publishOk(publisher, "{\"topics\": [\"users/victim-d\"], \"data\": \"public on that topic\"}");

        await().untilAsserted(() -> {
            assertThat(mallory.eventData()).containsExactly("public on that topic");
            assertThat(anonymous.eventData()).containsExactly("public on that topic");
        });
    }

    @Test
    void userWithoutTopicParameterGetsOnlyTheirPersonalTopic() {
        SseTestClient eve = userStream(TestTokens.user("eve-d"));
        SseTestClient news = stream(http.subscribeUri("topic", "news-d"));

        http.publishOk(publisher, "{\"topics\": [\"news-d\"], \"data\": \"headline\"}");
        http.publishOk(publisher, "{\"users\": [\"eve-d\"], \"data\": \"for eve\"}");
        http.publishOk(publisher, "{\"topics\": [\"news-d\"], \"data\": \"second headline\"}");

        await().untilAsserted(() -> {
            assertThat(news.eventData()).containsExactly("headline", "second headline");
            assertThat(eve.eventData()).containsExactly("for eve");
        });
    }
}
