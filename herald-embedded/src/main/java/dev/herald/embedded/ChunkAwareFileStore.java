package dev.herald.embedded;

import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.Chunk;
import org.h2.mvstore.SingleFileStore;

/**
 * MVStore's own single-file store, opened by the log so that it can tell, after opening, where the
 * intact commits end: the chunks the engine recovered, including the newest one, which the
 * engine's public layout map does not list yet.
 */
final class ChunkAwareFileStore extends SingleFileStore {

    /** MVStore's block size: chunks and the file header are laid out in blocks of this many bytes. */
    static final int BLOCK_SIZE = 4096;

    ChunkAwareFileStore(boolean recoveryMode) {
        super(config(recoveryMode));
    }

    private static Map<String, Object> config(boolean recoveryMode) {
        Map<String, Object> config = new HashMap<>();
        if (recoveryMode) {
            config.put("recoveryMode", Boolean.TRUE);
        }
        return config;
    }

    /**
     * After a recovery: cuts the file down to its intact chunks and rewrites the file header to name
     * the newest of them, as the engine does when it closes. Otherwise the discarded bytes would
     * stay past the end (and be reported again at every start) until new chunks overwrite them,
     * and a header naming a lost commit would keep looking newer than the data.
     */
    void settleTail() {
        writeCleanShutdown();
    }

    /** The end of the furthest chunk the engine holds as intact; at least the two header blocks. */
    long intactEnd() {
        long end = 2L * BLOCK_SIZE;
        for (Chunk<?> chunk : getChunks().values()) {
            if (chunk.block != 0) {
                end = Math.max(end, (chunk.block + chunk.len) * BLOCK_SIZE);
            }
        }
        return end;
    }
}
