package dev.herald.mercure.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A Mercure request the hub refuses: the status the protocol prescribes and a detail that tells the
 * client what to fix. Answered as {@code application/problem+json}, since the protocol leaves error
 * bodies open.
 */
public final class MercureProblem extends RuntimeException {

    private final HttpStatus status;
    private final HttpHeaders headers = new HttpHeaders();

    public MercureProblem(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public static MercureProblem badRequest(String detail) {
        return new MercureProblem(HttpStatus.BAD_REQUEST, detail);
    }

    public static MercureProblem forbidden(String detail) {
        return new MercureProblem(HttpStatus.FORBIDDEN,  detail);
    }

    public MercureProblem withHeader(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
