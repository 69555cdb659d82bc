package dev.herald.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers with a problem document the errors that no handler of a front end sees on that front end's
 * paths (a wrong method: 405; a path below it that means nothing: 404). Controller advice cannot see
 * these, and the application's own error handling may not speak RFC 9457; other paths are left alone.
 * Public for the protocol modules (Mercure), which answer on their own paths.
 */
public abstract class ProblemPathErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemPathErrorResolver.class);

    private final ProblemResponses problems;

    protected ProblemPathErrorResolver(ProblemResponses problems) {
        this.problems = problems;
    }

    /**
     * Whether an error on {@code path} (below the context path) is this front end's to answer;
     * {@code handler} is what Spring chose for the request, {@code null} when nothing matched.
     */
    protected abstract boolean answers(String path, Object handler);

    /** The problem's detail: the error's own, else the exception's message. */
    protected String detail(ErrorResponse error, Exception ex, String path) {
        return ProblemResponses.detail(error, ex);
    }

    @Override
    public final ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                               Exception ex) {
        if (!(ex instanceof ErrorResponse error) || response.isCommitted()) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!answers(path, handler)) {
            return null;
        }
        try {
            problems.write(error.getStatusCode(), detail(error, ex, path), error.getHeaders(), request, response);
            return new ModelAndView();
        } catch (IOException writeFailed) {
            log.debug("writing the problem for {} failed: {}", request.getRequestURI(), writeFailed.toString());
            return null;
        }
    }

    /** Right after Spring Boot's error-attributes recorder, before the default resolvers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
