package dev.herald.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.spring.security.AuthenticationFailure;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void noTokenIsABareChallengeInTheRealm() {
        assertThat(BearerChallenge.noToken("mercure")).isEqualTo("Bearer realm=\"mercure\"");
    }

    @Test
    void invalidTokenNamesTheErrorWithOrWithoutARealm() {
        assertThat(BearerChallenge.invalidToken("token expired"))
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"token expired\"");
        assertThat(BearerChallenge.invalidToken("mercure", "token expired"))
                .isEqualTo("Bearer realm=\"mercure\", error=\"invalid_token\", error_description=\"token expired\"");
    }

    @Test
    void insufficientScopeNamesTheError() {
        assertThat(BearerChallenge.insufficientScope("not allowed to publish to topic 'billing'"))
                .isEqualTo("Bearer error=\"insufficient_scope\", error_description=\"not allowed to publish to topic 'billing'\"");
    }

    @Test
    void descriptionsStayInsideTheirQuotes() {
        assertThat(BearerChallenge.invalidToken("a \"quoted\" \\ back\u00e9\n"))
                .isEqualTo("Bearer error=\"invalid_token\", error_description=\"a 'quoted' ' back??\"");
    }

    @Test
    void heraldsApiChallengesInItsRealmOnlyWithoutAToken() {
        assertThat(BearerChallenge.of(new AuthenticationFailure.NoToken())).isEqualTo("Bearer realm=\"herald\"");
        assertThat(BearerChallenge.of(new AuthenticationFailure.BadSignature())).isEqualTo(
                "Bearer error=\"invalid_token\", error_description=\"bad signature: the token was not signed with this hub's key\"");
    }
}
