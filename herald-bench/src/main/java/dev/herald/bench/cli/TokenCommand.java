package dev.herald.bench.cli;

import dev.herald.bench.auth.JwtMinter;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code token --jwt-secret=S --sub=alice [--subscribe=a,b] [--publish=*] [--ttl=3600]}: prints an HS256 token. */
public final class TokenCommand {

    private TokenCommand() {}

    public static int run(List<String> args) {
        Args a = Args.parse(args, Set.of("jwt-secret", "sub", "subscribe", "publish", "ttl"));
        String secret = a.string("jwt-secret", System.getenv("HERALD_SECURITY_JWT_SECRET"));
        if (secret == null) {
            throw new IllegalArgumentException("--jwt-secret (or HERALD_SECURITY_JWT_SECRET) is required");
        }
        System.out.println(new JwtMinter(secret).mint(a.string("sub", "bench"), a.list("subscribe", List.of()),
                a.list("publish", List.of()), Duration.ofSeconds(a.longValue("ttl", 3600))));
        return 0;
    }
}
