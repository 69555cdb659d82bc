package dev.herald.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a Herald request whose query string is longer than {@code herald.limits.max-query-length}
 * with a 414 problem, or is not valid percent-encoded UTF-8 with a 400 problem, before any parameter
 * is parsed: containers throw on a bad escape ({@code %zz}) from deep inside
 * {@code getParameter}, which would otherwise surface as a 500. (The container's own header limit,
 * {@code server.max-http-request-header-size}, bounds the request line and headers as a whole.)
 */
final class QueryLengthFilter extends OncePerRequestFilter implements Ordered {

    private final int maxLength;
    private final ProblemResponses problems;

    QueryLengthFilter(int maxLength, ProblemResponses problems) {
        this.maxLength = maxLength;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HeraldPaths.isHeraldEndpoint(request);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.length() > maxLength) {
            problems.write(HttpStatus.URI_TOO_LONG, "query string of " + query.length() + " characters; at most " + maxLength
                    + " (herald.limits.max-query-length): fewer or shorter topics", HttpHeaders.EMPTY, request, response);
            return;
        }
        if (query != null && !decodable(query)) {
            problems.write(HttpStatus.BAD_REQUEST, "the query string is not valid percent-encoded UTF-8 (a '%' must be"
                    + " followed by two hex digits): encode parameter values, e.g. with encodeURIComponent",
                    HttpHeaders.EMPTY, request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean decodable(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || !HexFormat.isHexDigit(query.charAt(i + 1))
                        || !HexFormat.isHexDigit(query.charAt(i + 2))) {
                    return false;
                }
                bytes.write(HexFormat.fromHexDigits(query, i + 1, i + 3));
                i += 2;
            } else if (c > 0x7f) {
                return false; // raw non-ASCII in a request line: containers differ, so refuse
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
