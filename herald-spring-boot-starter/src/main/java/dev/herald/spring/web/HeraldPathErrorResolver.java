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
 * Answers errors that happen on a Herald path before any handler is chosen (a wrong method: 405)
 * with a problem document. Controller advice cannot see these, and the application's own error
 * handling may not speak RFC 9457; other paths are left alone.
 */
final class HeraldPathErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(HeraldPathErrorResolver.class);

    private final ProblemResponses problems;

    HeraldPathErrorResolver(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (handler != null || !(ex instanceof ErrorResponse error) || response.isCommitted()
                || !HeraldPaths.isApiPath(request.getRequestURI().substring(request.getContextPath().length()))) {
            return null;
        }
        try {
            String detail = error.getBody().getDetail() != null ? error.getBody().getDetail() : ex.getMessage();
            problems.write(error.getStatusCode(), detail, error.getHeaders(), request, response);
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
