package dev.herald.mercure.publish;

import dev.herald.core.event.Event;
import dev.herald.core.hub.Hub;
import dev.herald.mercure.auth.AuthFailure;
import dev.herald.mercure.auth.CookieOriginPolicy;
import dev.herald.mercure.auth.Credential;
import dev.herald.mercure.auth.MercureAuthenticationException;
import dev.herald.mercure.auth.MercureToken;
import dev.herald.mercure.auth.MercureTokenVerifier;
import dev.herald.mercure.auth.Role;
import dev.herald.mercure.web.MercurePaths;
import dev.herald.spring.web.ApiProblemException;
import dev.herald.spring.web.UnreadBody;
import dev.herald.mercure.web.UrlEncodedForm;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /.well-known/mercure}: a publisher sends an update as a form; the hub appends it to
 * Herald's log (the same log and fan-out as {@code POST /api/events}) and answers with its id.
 *
 * <p>Order of checks: who (401), from where (403 for a cookie from a foreign origin), what
 * (400/413/415), and whether the token covers it (403).
 */
@RestController
public class PublishEndpoint {

    private static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final Hub hub;
    private final MercureTokenVerifier verifier;
    private final CookieOriginPolicy originPolicy;
    private final int maxBodyBytes;

    public PublishEndpoint(Hub hub, MercureTokenVerifier publisherVerifier, CookieOriginPolicy originPolicy, int maxBodyBytes) {
        if (publisherVerifier.role() != Role.PUBLISHER) {
            throw new IllegalArgumentException("the publish endpoint needs the publisher's verifier");
        }
        this.hub = hub;
        this.verifier = publisherVerifier;
        this.originPolicy = originPolicy;
        this.maxBodyBytes = maxBodyBytes;
    }

    @PostMapping(MercurePaths.HUB)
    public ResponseEntity<String> publish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            return accept(request);
        } catch (RuntimeException refused) {
            // the refusal may come before the body is read: drop the rest so the client gets the answer
            UnreadBody.discardOrClose(request, response, maxBodyBytes);
            throw refused;
        }
    }

    private ResponseEntity<String> accept(HttpServletRequest request) throws IOException {
        MercureToken token = authenticate(request);
        Update update = Update.read(readForm(request));
        Optional<String> refusal = token.claims().publish().refusal(update.topics(), update.privateUpdate());
        if (refusal.isPresent()) {
            throw ApiProblemException.forbidden(refusal.get());
        }
        Event event = hub.publish(update.toPublication());
        return ResponseEntity.ok().contentType(TEXT_UTF8).body(event.id().value());
    }

    private MercureToken authenticate(HttpServletRequest request) {
        UrlEncodedForm query = parse(request.getQueryString(), "query string");
        Credential credential = Credential.find(request, query)
                .orElseThrow(() -> new MercureAuthenticationException(new AuthFailure.NoToken(Role.PUBLISHER)));
        if (credential.source() == Credential.Source.COOKIE) {
            originPolicy.check(request);
        }
        return verifier.verify(credential.token());
    }

    private UrlEncodedForm readForm(HttpServletRequest request) throws IOException {
        MediaType contentType;
        try {
            contentType = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException e) {
            contentType = null;
        }
        if (contentType == null || !MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(contentType)) {
            throw new ApiProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the update as"
                    + " 'Content-Type: application/x-www-form-urlencoded' (topic=...&data=...), not "
                    + (request.getContentType() == null ? "without a Content-Type" : "'" + request.getContentType() + "'"));
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        // not closed: the container owns the stream, and a refusal may still discard the rest
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiProblemException.badRequest("malformed body: it is not UTF-8; percent-encode the fields' UTF-8 bytes");
        }
        return parse(text, "body");
    }

    private ApiProblemException tooLarge() {
        return new ApiProblemException(HttpStatus.CONTENT_TOO_LARGE, "the update is larger than " + maxBodyBytes
                + " bytes (herald.publish.max-bytes): send less data");
    }

    private static UrlEncodedForm parse(String encoded, String what) {
        try {
            return UrlEncodedForm.parse(encoded);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("malformed " + what + ": " + e.getMessage());
        }
    }
}
