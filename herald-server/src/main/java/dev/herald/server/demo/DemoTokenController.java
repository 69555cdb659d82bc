package dev.herald.server.demo;

import dev.herald.core.event.UserId;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /demo/token?user=<name>}: a subscriber token for anyone, in demo mode only. */
@RestController
@Conditional(DemoModeCondition.class)
final class DemoTokenController {

    private final DemoTokens tokens;

    DemoTokenController(DemoTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/demo/token")
    DemoTokens.DemoToken token(@RequestParam("user") String user) {
        try {
            return tokens.user(UserId.of(user));
        } catch (IllegalArgumentException e) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid user: " + e.getMessage()), e);
        }
    }
}
