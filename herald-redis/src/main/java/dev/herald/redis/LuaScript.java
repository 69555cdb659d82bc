package dev.herald.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script shipped as a resource next to this class, run with {@code EVALSHA}. A Redis that
 * restarted has an empty script cache; the {@code NOSCRIPT} answer is met by sending the source
 * once with {@code EVAL}, which caches it again. Scripts run atomically: this is what keeps the
 * stream, the id index and the epoch from ever disagreeing.
 */
record LuaScript(String name, String source, String sha1) {

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("script " + name + ".lua is missing from the classpath");
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new LuaScript(name, source, sha1(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + name, e);
        }
    }

    /** Runs the script; the reply is Redis's array reply as nested lists of strings and longs. */
    List<Object> run(RedisCommands<String, String> commands, String[] keys, String... args) {
        try {
            return commands.evalsha(sha1, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException notCached) {
            return commands.eval(source, ScriptOutputType.MULTI, keys, args);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
