package dev.herald.spring.web;

/**
 * Answers errors that happen on a Herald path before any handler is chosen (a wrong method: 405)
 * with a problem document.
 */
final class HeraldPathErrorResolver extends ProblemPathErrorResolver {

    HeraldPathErrorResolver(ProblemResponses problems) {
        super(problems);
    }

    @Override
    protected boolean answers(String path, Object handler) {
        return handler == null && HeraldPaths.isApiPath(path);
    }
}
