package dev.herald.bench.cli;

/** The help text. */
public final class Usage {

    private Usage() {}

    public static final String TEXT = """
            herald-bench — SSE load generator (any SSE server over HTTP/1.1)

            java -jar herald-bench.jar <scenario> [options]     run one scenario against one server
              scenarios: idle | broadcast | targeted | reconnect-storm
            java -jar herald-bench.jar report --in=DIR [--reference=herald] [--targets=herald,tutorial,nchan] [--cases=C,..] [--out=FILE]
            java -jar herald-bench.jar check --in=DIR --cases=C,.. --present=T,.. [--strict=T,..]
                                                                 a smoke run's results: all there; no loss for --strict
            java -jar herald-bench.jar token --jwt-secret=S --sub=USER [--subscribe=SEL,..] [--publish=SEL,..] [--ttl=S]
            java -jar herald-bench.jar tutorial-baseline [--server.port=8081 --server.address=127.0.0.1]

            Templates: {i} subscriber index, {user} = <user-prefix><i>, {token} = HS256 token for that user
            (subscribe side) or for the publisher (publish side), {seq} sequence number, {payload} the event mark
            (hb1.<seq>.<send-epoch-micros>.<user>.xxx… padded to --payload-bytes; must appear in the published data).

            Server
              --target=NAME                 label in the results (default server)
              --case=NAME                   name of this case in the results (default: the scenario), e.g. broadcast-10k
              --subscribe-url=URL           subscribe URL template (default http://127.0.0.1:8080/api/subscribe?topic=bench);
                                            repeatable: one per server node, subscriber i goes to URL i mod count
              --subscribe-header='N: v'     extra request header template, repeatable (e.g. 'Authorization: Bearer {token}')
              --publish-url=URL             publish URL template (default http://127.0.0.1:8080/api/events)
              --publish-header='N: v'       repeatable; Content-Type defaults to application/json
              --publish-body=TEMPLATE       default {"topics":["bench"],"type":"message","data":"{payload}"}
              --publish-batch=B             up to B events per publish request (default 1): at a fixed rate a request
                                            carries the events that are due when it leaves, so batches grow only while
                                            the publisher is behind; saturated, always B. The URL is --publish-url
              --publish-batch-body=TEMPLATE body of a batch, {events} = the events' bodies joined by commas
                                            (default {"events":[{events}]}, as POST /api/events/batch takes it)
              --payload-bytes=N             size of {payload} (default 64)
              --server-pid=PID,..           server process(es), repeatable: RSS (VmRSS, with children) and CPU, summed
              --jwt-secret=S                HS256 secret for {token} (default $HERALD_SECURITY_JWT_SECRET)
              --token-subscribe=SEL,..      herald.subscribe claim of subscriber tokens ({user} allowed; default *)
              --token-publish=SEL,..        herald.publish claim of the publisher token (default *)
              --token-ttl=SECONDS           (default 3600)

            Load
              --connections=N               subscribers (default 100); users are <user-prefix>0..N-1
              --user-prefix=P               (default u)
              --events=K                    broadcast: events to publish (default 100)
              --rate=R                      events/s; 0 = saturated (broadcast default 0, targeted 200, storm 50)
              --duration=S                  targeted, reconnect-storm: seconds of publishing (default 10)
              --publish-concurrency=C       publish requests in flight (default 4; at a fixed rate max(4, rate/12.5))
              --publish-timeout=MS          per publish request (default 30000)
              --max-publish-failures=N      stop publishing after N failed publishes (default 0 = never)
              --warmup=W                    unmarked events published first (server JIT warm-up; default 0)
              --hold=S                      idle: seconds to hold the connections (default 5)
              --storm-at=S                  reconnect-storm: when to drop, seconds after publishing starts (default 3)
              --storm-fraction=F            share of subscribers that drop (default 1.0)
              --storm-spread=MS             reconnects are spread at random over this window (default 1000)
              --warmup-storms=N             reconnect-storm: storms rehearsed after the warm-up, before measuring: every
                                            stream drops and resumes while unmarked events flow (default 0)
              --drain-timeout=S             max wait for deliveries after publishing (default 30)
              --quiet=MS                    stop draining after this long without a delivery (default 3000)

            Connections
              --connect-rate=R              new connections per second, all processes together (default 2000; 0 = no limit)
              --max-pending-connects=P      handshakes in flight (default 256)
              --connect-timeout=MS          until the response head (default 10000)
              --connect-budget=S            longest connect phase; then go on with who connected (default: from rate,
                                            timeout and attempts)
              --connect-stall=S             end the connect phase once nobody connected for S seconds (default 0 = off)
              --retry=MS                    delay before reconnecting (server's retry: wins) (default 1000)
              --max-attempts=N              consecutive failed attempts before a subscriber gives up (default 3)
              --sources=auto|none|N|a,b     loopback source addresses to bind (auto: one per --conns-per-source sockets)
              --source-base=IP              first source address (default 127.0.0.2)
              --conns-per-source=N          (default 20000)
              --processes=P                 worker processes (default: ceil(N / --conns-per-process); 1 = in-process)
              --conns-per-process=N         (default 18000; the open-file cap is per process)
              --io-threads=T                selector threads per process (default min(2, cores))
              --worker-jvm-opts='…'         JVM options of child workers (default -XX:+UseSerialGC -Xss512k)

            Output
              --out=DIR                     writes <target>-<scenario>.json and .md (default bench-results)
              --seed=N                      random seed (default 42)
            """;
}
