package dev.herald.mercure.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Answers errors on a Mercure path that no endpoint handles (a wrong method: 405; the subscriptions
 * API while it is off, or a path below the hub that means nothing: 404) with a problem document,
 * which controller advice cannot do. Other paths are left alone.
 */
public final class MercurePathErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(MercurePathErrorResolver.class);

    private final ProblemWriter problems;

    public MercurePathErrorResolver(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        // no endpoint matched: Spring then hands the request to its static-resource handler, which fails with 404
        boolean noEndpoint = handler == null || handler instanceof ResourceHttpRequestHandler;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!noEndpoint || !(ex instanceof ErrorResponse error) || response.isCommitted() || !MercurePaths.isMercurePath(path)) {
            return null;
        }
        try {
            String detail = ex instanceof NoResourceFoundException
                    ? "no Mercure endpoint at " + path + " (the subscriptions API is served with herald.mercure.subscriptions=true)"
                    : error.getBody().getDetail() != null ? error.getBody().getDetail() : ex.getMessage();
            problems.write(error.getStatusCode(), detail, error.getHeaders(), request, response);
            return new ModelAndView();
        } catch (IOException writeFailed) {
            log.debug("writing the problem for {} failed: {}", request.getRequestURI(), writeFailed.toString());
            return null;
        }
    }

    /** Before Spring's default resolvers, which would answer with the application's error page. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
