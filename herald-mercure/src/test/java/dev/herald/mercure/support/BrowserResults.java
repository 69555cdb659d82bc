package dev.herald.mercure.support;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where the browser test's page posts what it saw: one result per run. */
@RestController
public class BrowserResults {

    private final Map<String, CompletableFuture<String>> results = new ConcurrentHashMap<>();

    @PostMapping("/test/browser-results/{run}")
    public ResponseEntity<Void> receive(@PathVariable String run, @RequestBody String result) {
        of(run).complete(result);
        return ResponseEntity.noContent().build();
    }

    public CompletableFuture<String> of(String run) {
        return results.computeIfAbsent(run, r -> new CompletableFuture<>());
    }
}
