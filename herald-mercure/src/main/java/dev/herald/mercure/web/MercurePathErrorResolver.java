package dev.herald.mercure.web;

import dev.herald.spring.web.ProblemPathErrorResolver;
import dev.herald.spring.web.ProblemResponses;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Answers errors on a Mercure path that no endpoint handles (a wrong method: 405; the subscriptions
 * API while it is off, or a path below the hub that means nothing: 404) with a problem document,
 * which controller advice cannot do. Other paths are left alone.
 */
public final class MercurePathErrorResolver extends ProblemPathErrorResolver {

    public MercurePathErrorResolver(ProblemResponses problems) {
        super(problems);
    }

    /** No endpoint matched: Spring then hands the request to its static-resource handler, which fails with 404. */
    @Override
    protected boolean answers(String path, Object handler) {
        return (handler == null || handler instanceof ResourceHttpRequestHandler) && MercurePaths.isMercurePath(path);
    }

    @Override
    protected String detail(ErrorResponse error, Exception ex, String path) {
        return ex instanceof NoResourceFoundException
                ? "no Mercure endpoint at " + path + " (the subscriptions API is served with herald.mercure.subscriptions=true)"
                : super.detail(error, ex, path);
    }
}
