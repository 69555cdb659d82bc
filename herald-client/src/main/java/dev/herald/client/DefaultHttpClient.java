package dev.herald.client;

import java.net.http.HttpClient;
import java.time.Duration;

/** Lazily created {@link HttpClient} shared by sources that are not given one. */
final class DefaultHttpClient {

    private DefaultHttpClient() {
    }

    static HttpClient shared() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
