#!/usr/bin/env bash
# Runs every scenario against every peer in one go — Herald, the tutorial-design baseline, Nchan — and writes
# docs/benchmarks.md (tables, ratios, machine, exact commands). Each (peer, scenario) gets a freshly started server.
#
#   herald-bench/run-benchmarks.sh                      # default sizes: ~10-15 minutes on 2 cores
#   PEERS="tutorial nchan" SCENARIOS="broadcast" BROADCAST_CONNECTIONS=500 herald-bench/run-benchmarks.sh
#
# Sizes and switches (environment):
#   PEERS="herald tutorial nchan"   SCENARIOS="idle broadcast targeted reconnect-storm"
#   IDLE_CONNECTIONS=5000 IDLE_HOLD=5
#   BROADCAST_CONNECTIONS=2000 BROADCAST_EVENTS=500 BROADCAST_RATE=0 (0 = saturated) PUBLISH_CONCURRENCY=4 (broadcast)
#   TARGETED_CONNECTIONS=2000 TARGETED_RATE=500 TARGETED_DURATION=20
#   STORM_CONNECTIONS=2000 STORM_RATE=100 STORM_DURATION=20 STORM_AT=5 STORM_SPREAD=2000
#   PAYLOAD_BYTES=128 WARMUP_EVENTS=300 CONNECT_RATE=2000
#   SERVER_JVM_OPTS="-Xms256m -Xmx2g -XX:+UseG1GC" (both Java servers)  NCHAN_WORKERS=$(nproc)
#   HERALD_JAR=herald-server/target/herald-server.jar  SKIP_BUILD=1 (use the jars as they are)
#   OUT=herald-bench/target/benchmarks/<timestamp>  DOC=docs/benchmarks.md ("-" = don't write it)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

PEERS="${PEERS:-herald tutorial nchan}"
SCENARIOS="${SCENARIOS:-idle broadcast targeted reconnect-storm}"
IDLE_CONNECTIONS="${IDLE_CONNECTIONS:-5000}"
IDLE_HOLD="${IDLE_HOLD:-5}"
BROADCAST_CONNECTIONS="${BROADCAST_CONNECTIONS:-2000}"
BROADCAST_EVENTS="${BROADCAST_EVENTS:-500}"
BROADCAST_RATE="${BROADCAST_RATE:-0}"
PUBLISH_CONCURRENCY="${PUBLISH_CONCURRENCY:-4}"
TARGETED_CONNECTIONS="${TARGETED_CONNECTIONS:-2000}"
TARGETED_RATE="${TARGETED_RATE:-500}"
TARGETED_DURATION="${TARGETED_DURATION:-20}"
STORM_CONNECTIONS="${STORM_CONNECTIONS:-2000}"
STORM_RATE="${STORM_RATE:-100}"
STORM_DURATION="${STORM_DURATION:-20}"
STORM_AT="${STORM_AT:-5}"
STORM_SPREAD="${STORM_SPREAD:-2000}"
PAYLOAD_BYTES="${PAYLOAD_BYTES:-128}"
WARMUP_EVENTS="${WARMUP_EVENTS:-300}"
CONNECT_RATE="${CONNECT_RATE:-2000}"
SERVER_JVM_OPTS="${SERVER_JVM_OPTS:--Xms256m -Xmx2g -XX:+UseG1GC}"
NCHAN_WORKERS="${NCHAN_WORKERS:-$(nproc)}"
HERALD_JAR="${HERALD_JAR:-$root/herald-server/target/herald-server.jar}"
OUT="${OUT:-$here/target/benchmarks/$(date -u +%Y%m%d-%H%M%S)}"
DOC="${DOC:-$root/docs/benchmarks.md}"
HERALD_PORT="${HERALD_PORT:-18080}"
TUTORIAL_PORT="${TUTORIAL_PORT:-18081}"
NCHAN_PORT="${NCHAN_PORT:-18090}"
SECRET="${BENCH_JWT_SECRET:-bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

java_home="$("$root/bin/java-home" 2>/dev/null || echo /usr/lib/jvm/temurin-25-jdk-amd64)"
java="$java_home/bin/java"
bench_jar="$here/target/herald-bench.jar"
mkdir -p "$OUT"
commands="$OUT/commands.txt"
: > "$commands"
skipped=()

log() { printf '\n=== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  modules="herald-bench"
  if [[ " $PEERS " == *" herald "* && -f "$root/herald-server/pom.xml" ]]; then
    modules="herald-server,herald-bench"
  fi
  log "building $modules"
  (cd "$root" && mvn -B -q -ntp -DskipTests -pl "$modules" -am package)
fi
[[ -f "$bench_jar" ]] || { echo "missing $bench_jar (build: mvn -pl herald-bench -am package)" >&2; exit 1; }

if [[ " $PEERS " == *" nchan "* ]] && { ! command -v nginx >/dev/null || [[ ! -f /usr/lib/nginx/modules/ngx_nchan_module.so ]]; }; then
  if [[ "$(id -u)" == 0 ]]; then
    log "installing nginx + libnginx-mod-nchan"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-nchan >/dev/null
  fi
fi

# run from copies: a build in the work tree must not swap a jar under a running server
mkdir -p "$OUT/jars"
cp "$bench_jar" "$OUT/jars/herald-bench.jar"
bench_jar="$OUT/jars/herald-bench.jar"
if [[ -f "$HERALD_JAR" ]]; then
  cp "$HERALD_JAR" "$OUT/jars/herald-server.jar"
  HERALD_JAR="$OUT/jars/herald-server.jar"
fi
jar_sums="$(cd "$OUT/jars" && sha256sum -- *.jar | awk '{printf "`%s` sha256 %s<br>", $2, substr($1, 1, 16)}')"

# ---------------------------------------------------------------- peers
server_pid=""
running_peer=""

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() { # port seconds pid
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    port_open "$1" && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

peer_available() {
  case "$1" in
    herald) [[ -f "$HERALD_JAR" ]] ;;
    tutorial) true ;;
    nchan) command -v nginx >/dev/null && [[ -f /usr/lib/nginx/modules/ngx_nchan_module.so ]] ;;
    *) return 1 ;;
  esac
}

start_peer() { # peer
  local run_dir="$OUT/run/$1"
  mkdir -p "$run_dir"
  case "$1" in
    herald)
      port_open "$HERALD_PORT" && { echo "port $HERALD_PORT is busy" >&2; return 1; }
      # shellcheck disable=SC2086
      (cd "$run_dir" && HERALD_SECURITY_JWT_SECRET="$SECRET" exec "$java" $SERVER_JVM_OPTS -jar "$HERALD_JAR" \
        --server.port="$HERALD_PORT" --server.address=127.0.0.1 --server.shutdown=immediate \
        >>"$run_dir/server.log" 2>&1) &
      server_pid=$!
      wait_port "$HERALD_PORT" 180 "$server_pid" || { tail -30 "$run_dir/server.log" >&2; return 1; }
      ;;
    tutorial)
      port_open "$TUTORIAL_PORT" && { echo "port $TUTORIAL_PORT is busy" >&2; return 1; }
      # shellcheck disable=SC2086
      (cd "$run_dir" && exec "$java" $SERVER_JVM_OPTS -jar "$bench_jar" tutorial-baseline \
        --server.port="$TUTORIAL_PORT" --server.address=127.0.0.1 --server.shutdown=immediate \
        >>"$run_dir/server.log" 2>&1) &
      server_pid=$!
      wait_port "$TUTORIAL_PORT" 180 "$server_pid" || { tail -30 "$run_dir/server.log" >&2; return 1; }
      ;;
    nchan)
      server_pid="$(NCHAN_PORT="$NCHAN_PORT" NCHAN_WORKERS="$NCHAN_WORKERS" NCHAN_PREFIX="$run_dir" \
        "$here/peers/nchan/nchan.sh" start)"
      ;;
  esac
  running_peer="$1"
  sleep 2 # let start-up settle before the "before" memory sample
}

stop_peer() {
  [[ -n "$running_peer" ]] || return 0
  case "$running_peer" in
    nchan) NCHAN_PORT="$NCHAN_PORT" NCHAN_PREFIX="$OUT/run/nchan" "$here/peers/nchan/nchan.sh" stop || true ;;
    *)
      kill "$server_pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
      ;;
  esac
  running_peer=""
  server_pid=""
}
trap stop_peer EXIT

# the bench options that make one peer speak: URLs, bodies, auth
peer_options() { # peer scenario
  local peer="$1" scenario="$2"
  case "$peer:$scenario" in
    herald:targeted)
      printf '%s\n' "--subscribe-url=http://127.0.0.1:$HERALD_PORT/api/subscribe?topic=users/{user}" \
        "--subscribe-header=Authorization: Bearer {token}" "--token-subscribe=users/{user}" \
        "--publish-url=http://127.0.0.1:$HERALD_PORT/api/events" "--publish-header=Authorization: Bearer {token}" \
        '--publish-body={"users":["{user}"],"type":"message","data":"{payload}"}' "--jwt-secret=$SECRET" ;;
    herald:*)
      printf '%s\n' "--subscribe-url=http://127.0.0.1:$HERALD_PORT/api/subscribe?topic=bench" \
        "--publish-url=http://127.0.0.1:$HERALD_PORT/api/events" "--publish-header=Authorization: Bearer {token}" \
        '--publish-body={"topics":["bench"],"type":"message","data":"{payload}"}' "--jwt-secret=$SECRET" ;;
    tutorial:targeted)
      printf '%s\n' "--subscribe-url=http://127.0.0.1:$TUTORIAL_PORT/api/subscribe?topic=users/{user}" \
        "--publish-url=http://127.0.0.1:$TUTORIAL_PORT/api/events" \
        '--publish-body={"users":["{user}"],"type":"message","data":"{payload}"}' ;;
    tutorial:*)
      printf '%s\n' "--subscribe-url=http://127.0.0.1:$TUTORIAL_PORT/api/subscribe?topic=bench" \
        "--publish-url=http://127.0.0.1:$TUTORIAL_PORT/api/events" \
        '--publish-body={"topics":["bench"],"type":"message","data":"{payload}"}' ;;
    nchan:targeted)
      printf '%s\n' "--subscribe-url=http://127.0.0.1:$NCHAN_PORT/sub/{user}" \
        "--publish-url=http://127.0.0.1:$NCHAN_PORT/pub/{user}" "--publish-body={payload}" ;;
    nchan:*)
      printf '%s\n' "--subscribe-url=http://127.0.0.1:$NCHAN_PORT/sub/bench" \
        "--publish-url=http://127.0.0.1:$NCHAN_PORT/pub/bench" "--publish-body={payload}" ;;
  esac
}

scenario_options() { # scenario
  case "$1" in
    idle) printf '%s\n' "--connections=$IDLE_CONNECTIONS" "--hold=$IDLE_HOLD" ;;
    broadcast) printf '%s\n' "--connections=$BROADCAST_CONNECTIONS" "--events=$BROADCAST_EVENTS" \
      "--rate=$BROADCAST_RATE" "--publish-concurrency=$PUBLISH_CONCURRENCY" "--warmup=$WARMUP_EVENTS" ;;
    targeted) printf '%s\n' "--connections=$TARGETED_CONNECTIONS" "--rate=$TARGETED_RATE" \
      "--duration=$TARGETED_DURATION" "--warmup=$WARMUP_EVENTS" ;;
    reconnect-storm) printf '%s\n' "--connections=$STORM_CONNECTIONS" "--rate=$STORM_RATE" \
      "--duration=$STORM_DURATION" "--storm-at=$STORM_AT" "--storm-spread=$STORM_SPREAD" "--warmup=$WARMUP_EVENTS" ;;
  esac
}

# ---------------------------------------------------------------- runs
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for peer in $PEERS; do
  if ! peer_available "$peer"; then
    log "skipping $peer: not available (herald needs $HERALD_JAR; nchan needs nginx + libnginx-mod-nchan)"
    skipped+=("$peer (not available)")
    continue
  fi
  for scenario in $SCENARIOS; do
    log "$peer / $scenario"
    if ! start_peer "$peer"; then
      log "could not start $peer"
      skipped+=("$peer/$scenario")
      stop_peer
      continue
    fi
    mapfile -t opts < <(peer_options "$peer" "$scenario"; scenario_options "$scenario")
    opts+=("--target=$peer" "--server-pid=$server_pid" "--payload-bytes=$PAYLOAD_BYTES"
      "--connect-rate=$CONNECT_RATE" "--out=$OUT")
    printf 'java -jar herald-bench/target/herald-bench.jar %s' "$scenario" >> "$commands"
    for o in "${opts[@]}"; do
      o="${o//$SECRET/\$SECRET}"
      printf " '%s'" "$o" >> "$commands"
    done
    printf '\n' >> "$commands"
    "$java" -jar "$bench_jar" "$scenario" "${opts[@]}" > "$OUT/$peer-$scenario.stdout" || {
      log "bench failed for $peer / $scenario"
      skipped+=("$peer/$scenario (bench error)")
    }
    stop_peer
  done
done
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)

# ---------------------------------------------------------------- report
"$java" -jar "$bench_jar" report --in="$OUT" --reference=herald --targets=herald,tutorial,nchan --out="$OUT/tables.md"
log "results in $OUT"
[[ "$DOC" == "-" ]] && { cat "$OUT/tables.md"; exit 0; }

cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
mem_total="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
jdk="$("$java" -version 2>&1 | head -1)"
nginx_version="$(nginx -v 2>&1 || echo 'not installed')"
nchan_version="$(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null || echo 'not installed')"
mkdir -p "$(dirname "$DOC")"
{
  cat <<EOF
# Benchmarks: Herald side by side with its peers

Generated by \`herald-bench/run-benchmarks.sh\` — run from $started to $finished (UTC).
Every number below was measured in that run; nothing is copied from elsewhere. Re-run the script to refresh
this page (it overwrites it).

## The machine

| | |
|---|---|
| cores (nproc) | $(nproc) |
| CPU | ${cpu_model:-unknown} |
| memory | $mem_total |
| kernel | $(uname -sr) |
| JDK (servers and bench) | $jdk |
| Java server options | \`$SERVER_JVM_OPTS\` |
| jars run (copied at the start) | ${jar_sums%<br>} |
| nginx / Nchan | $nginx_version / libnginx-mod-nchan $nchan_version, \`worker_processes $NCHAN_WORKERS\` |
| load average (1, 5, 15 min) | at the start $load_at_start, at the end $(cut -d' ' -f1-3 /proc/loadavg) |

EOF
  load_at_end="$(cut -d' ' -f1 /proc/loadavg)"
  busy="$(awk -v a="${load_at_start%% *}" -v b="$load_at_end" -v n="$(nproc)" \
    'BEGIN { print (a > n / 2 || b > 2 * n) ? 1 : 0 }')"
  if [[ "$busy" == 1 ]]; then
    cat <<EOF
**Warning: the machine was busy with other work during this run** (1-minute load average ${load_at_start%% *} at the
start, before any peer was started, and $load_at_end at the end, on $(nproc) cores; the run itself adds about 2).
Every process got only a slice of the CPU: absolute figures (rates, latencies, CPU %) are pessimistic and noisy, and
the peers did not all run under the same outside load. Re-run on a quiet machine before drawing conclusions.

EOF
  fi
  cat <<EOF
The bench, the server under test and its publisher all share these cores: the figures compare the servers
with each other on the same box, they are not what any of them would do on dedicated hardware.

## The peers

* **herald** — the standalone hub (\`herald-server.jar\`, embedded default store), JWT auth on: publishes carry a
  publisher token, targeted subscribers carry their own token (minted by the bench, HS256); broadcast subscribers are
  anonymous (public topic).
* **tutorial** — the usual tutorial design (\`java -jar herald-bench.jar tutorial-baseline\`): Spring MVC on default
  Tomcat, a \`ConcurrentHashMap\` of \`SseEmitter\`s per topic, \`POST /api/events\` loops \`emitter.send(...)\` over the
  matching emitters on the request thread; no auth, no replay (\`Last-Event-ID\` is ignored), no heartbeats. Default
  Tomcat means at most 8,192 connections and 200 request threads.
* **nchan** — nginx + the Nchan module (\`herald-bench/peers/nchan/nginx.conf\`): EventSource subscriber location
  \`/sub/<channel>\`, publisher location \`/pub/<channel>\` (the body is the message), a message buffer of 20,000
  per channel for \`Last-Event-ID\` resumption. No auth.

All three get the same load from the same bench options; only URLs, bodies and auth headers differ (see the commands).
EOF
  if ((${#skipped[@]})); then
    printf '\n**Not measured in this run:** %s.\n' "${skipped[*]}"
  fi
  cat <<EOF

## Results

Sizes: idle $IDLE_CONNECTIONS connections held ${IDLE_HOLD}s; broadcast $BROADCAST_CONNECTIONS subscribers × $BROADCAST_EVENTS
events (rate $BROADCAST_RATE/s, 0 = saturated, $PUBLISH_CONCURRENCY publishes in flight); targeted $TARGETED_CONNECTIONS users,
$TARGETED_RATE events/s for ${TARGETED_DURATION}s to random users; reconnect storm $STORM_CONNECTIONS subscribers, $STORM_RATE events/s
for ${STORM_DURATION}s, all dropped at ${STORM_AT}s and reconnecting within ${STORM_SPREAD} ms. Payload $PAYLOAD_BYTES bytes;
$WARMUP_EVENTS unmeasured warm-up events before publishing starts (all but idle). The columns \`herald ÷ peer\` are ratios of the
raw figures: above 1 means Herald's figure is larger — better for rates, worse for latency, memory and CPU. Counts
that must be zero (loss, duplicates, failures) get no ratio.

EOF
  cat "$OUT/tables.md"
  cat <<'EOF'
## What the figures mean

* **subscribers connected / failed** — subscriptions that got a `200` and a stream; failed ones gave up after
  `--max-attempts` tries (refused, no response head within `--connect-timeout`, non-200).
* **connect rate** — connected subscribers ÷ time from the first connect to the last response head, with the bench
  pacing new connections at `--connect-rate` (2,000/s by default, so ~2,000 is the ceiling here, not the server's).
* **server RSS per connection** — (VmRSS of the server's process tree after connecting − before) ÷ connections.
  For JVM servers this includes heap the GC has not given back, so it is an upper bound, noisy at small counts.
* **publish rate, publish ack p99** — acknowledged (2xx) publish requests per second and their round trip. In
  saturated broadcast the publisher sends the next event as soon as one of its requests is answered, so this is the
  server's acknowledged publish throughput with that many subscribers.
* **deliveries/s** — events parsed by all subscribers ÷ (last delivery − first publish).
* **latency** — from the moment the publisher stamps the event (wall clock, µs, just before sending the request,
  written into the payload) to the moment the subscriber's socket read returned the bytes that completed it.
  It includes the publish request itself. Publisher and subscribers read the same machine clock. Percentiles come
  from HdrHistogram (3 significant digits) over every single delivery.
* **lost / duplicated / misrouted** — the payload carries a sequence number (per topic, or per user when targeted)
  and the addressee. Each subscriber that was streaming when publishing began must receive every acknowledged event
  meant for it exactly once; lost = never received, duplicated = received more than once, misrouted = another
  user's event. These must be 0.
* **streams dropped / caught up / catch-up** — in the reconnect storm every subscriber closes its socket at the
  storm instant and reconnects after a random delay (0 to the spread) with `Last-Event-ID`. A subscriber has caught up
  when it has no gap in what it received and gets an event published after its reconnect; catch-up time runs from
  its drop (so it includes its own random delay). A server without replay never closes the gap: its subscribers
  show as lost events and not caught up.
* **server CPU** — CPU time of the server's process tree (utime + stime from /proc) over the run ÷ wall time; 100 %
  = one core. **bench CPU** — the same for the bench itself (coordinator + worker processes). With everything on 2
  cores the bench's share is taken from the server: compare it to the server's figure before drawing conclusions.

## How this was produced

Build and run everything (the script builds `herald-server` and `herald-bench`, starts each peer fresh for each
scenario, runs the bench, stops the peer):

```sh
herald-bench/run-benchmarks.sh
```

The exact bench commands of this run (`$SECRET` = the random JWT secret the script gave Herald):

```sh
EOF
  cat "$commands"
  cat <<EOF
\`\`\`

Servers were started as: Herald \`java $SERVER_JVM_OPTS -jar herald-server.jar --server.port=$HERALD_PORT --server.address=127.0.0.1\`
(with \`HERALD_SECURITY_JWT_SECRET\`), tutorial \`java $SERVER_JVM_OPTS -jar herald-bench.jar tutorial-baseline --server.port=$TUTORIAL_PORT --server.address=127.0.0.1\`,
Nchan \`NCHAN_WORKERS=$NCHAN_WORKERS herald-bench/peers/nchan/nchan.sh start\` (port $NCHAN_PORT); the Java servers also got
\`--server.shutdown=immediate\`, which only matters when they are stopped. Raw JSON and Markdown per run: \`$OUT\` (not committed).
EOF
} > "$DOC"
log "wrote $DOC"
