#!/usr/bin/env bash
# Measures every target of issue #10 in one run — Herald side by side with Nchan and the tutorial-design baseline —
# and writes docs/benchmarks.md (one table per target with ratios, the machine and its load, the exact commands).
# Each (peer, case) gets freshly started servers.
#
#   herald-bench/run-benchmarks.sh            # the issue's sizes: about 25 minutes on 2 cores, build included
#                                             # (estimated, see below); run it on a quiet machine
#   QUICK=1 herald-bench/run-benchmarks.sh    # small sizes, every case and peer, a smoke check: about 5 minutes
#                                             # on a quiet machine, 8 measured at a load average of 20
#   herald-bench/quick-check.sh               # the QUICK run, then `herald-bench check` of its results
#   CASES="broadcast-saturated" PEERS="herald nchan" DOC=- herald-bench/run-benchmarks.sh
#
# Estimated time per case, all peers, servers' start-up included (the full run was not measured: it needs a quiet
# machine): idle ~4.5 min (the tutorial's refused connections end the connect phase after the 15 s stall),
# broadcast-saturated ~1.5, broadcast-rate ~3, targeted ~3, reconnect-storm ~3.5, broadcast-multi-node ~7 (6 Herald
# processes + 6 bench worker processes, 100,000 connects at 2,000/s, then Nchan), build ~2. Connect stall and budget,
# drain timeouts and MAX_PUBLISH_FAILURES bound every case: a peer at its connection cap does not hold the run for
# every retry and every publish timeout.
#
# Cases (CASES, all by default) and their sizes (environment; QUICK=1 values in brackets):
#   idle                  IDLE_CONNECTIONS=18000 [300] streams held IDLE_HOLD=50 [2] s (3 heartbeat rounds at 15 s), heartbeats on: streams per
#                         process (the open-file cap here is 20,000 per process) and memory per idle stream
#   broadcast-saturated   SATURATED_CONNECTIONS=1000 [200] subscribers, SATURATED_EVENTS=500 [100] events as fast as
#                         acknowledged (PUBLISH_CONCURRENCY=4 in flight)
#   broadcast-rate        RATE_CONNECTIONS=10000 [300] subscribers, RATE_EVENTS=200 [40] events at RATE_RATE=50 [20]/s
#   targeted              TARGETED_CONNECTIONS=10000 [200] users, TARGETED_RATE=5000 [200] events/s for
#                         TARGETED_DURATION=10 [3] s, each to one random user
#   targeted-batch        the same load published through POST /api/events/batch (Herald only: the peers have no
#                         batch publish): up to TARGETED_BATCH=100 events per request, TARGETED_BATCH_CONCURRENCY=1
#                         request in flight, each carrying the events that fell due while the previous one was out
#   reconnect-storm       STORM_CONNECTIONS=10000 [300] subscribers, STORM_RATE=50 [20] events/s for STORM_DURATION=15
#                         [6] s; at STORM_AT=5 [2] s all drop and resume within STORM_SPREAD=1000 [500] ms
#                         (measured); before that, after the warm-up events, STORM_WARMUP_STORMS=1 [1] unmeasured
#                         storms of the same spread while unmarked events flow at STORM_RATE: a hub that has run a
#                         while has compiled its close, resume and replay paths; a fresh JVM compiles them in the
#                         first storm it meets (docs/scale.md §23, §24). 0 measures that first storm.
#   broadcast-multi-node  MULTI_CONNECTIONS=100000 [900] subscribers spread over MULTI_NODES=6 [3] Herald processes
#                         sharing one redis-server (started here, on REDIS_PORT), MULTI_EVENTS=30 [10] events at
#                         MULTI_RATE=1 [2]/s published to the first node; Nchan with MULTI_NODES nginx workers;
#                         the tutorial is not run (its cap, 8,192 connections, shows in the other cases)
# Other settings:
#   PEERS="herald tutorial nchan"  PAYLOAD_BYTES=128  WARMUP_EVENTS=300 [20] (MULTI_WARMUP_EVENTS=5 [5],
#   TARGETED_WARMUP_EVENTS=20000 [200]: each to a random subscriber, so that the delivery path is compiled as well; a
#   JVM server still spends most of a core in the JIT compiler 10-20 s into a targeted run warmed by 300, docs/scale.md)
#   CONNECT_RATE=2000  CONNECT_TIMEOUT_MS=10000  CONNECT_STALL=15 CONNECT_SLACK=60 (the connect phase ends when nobody
#   connected for CONNECT_STALL seconds, at the latest after 3 N / rate + CONNECT_SLACK seconds: a server at its
#   connection cap shows "not connected" instead of holding the run, a slow one that still accepts gets its time)
#   PUBLISH_TIMEOUT_MS=10000  MAX_PUBLISH_FAILURES=8 (a publisher that cannot get through stops after this many)
#   SERVER_JVM_OPTS="-Xms256m -Xmx2g -XX:+UseG1GC" (the tutorial baseline)
#   HERALD_JVM_OPTS="-Xms256m -Xmx2g -XX:+UseSerialGC" (every Herald process: the GC bin/run uses)  NCHAN_WORKERS=1 (single-process cases)
#   HERALD_LIMIT_OPTS (Herald's per-address and per-publisher abuse limits, raised out of the bench's way)
#   HERALD_LOG_OPTS="--logging.level.dev.herald.connections=WARN" (no line per stream opened and closed, as Nchan runs
#   with access_log off: at 2,000 connects/s those lines cost about a tenth of a handshake's CPU, docs/scale.md)
#   HERALD_OPTS="" (more options for every single-process Herald, e.g. --herald.store.type=memory: the default embedded
#   store syncs every publish to disk, which bounds the targeted case by the disk's fsync, see docs/scale.md)
#   HERALD_JAR=herald-server/target/herald-server.jar  SKIP_BUILD=1 (use the jars as they are)
#   HERALD_PORT=18080 TUTORIAL_PORT=18081 NCHAN_PORT=18090 HERALD_NODE_PORT=18100 (nodes: +0 … +N-1) REDIS_PORT=18379
#   OUT=herald-bench/target/benchmarks/<timestamp>  DOC=docs/benchmarks.md ("-" = print the tables instead)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

QUICK="${QUICK:-0}"
q() { if [[ "$QUICK" == 1 ]]; then echo "$2"; else echo "$1"; fi; } # full-size value, QUICK value

CASES="${CASES:-idle broadcast-saturated broadcast-rate targeted targeted-batch reconnect-storm broadcast-multi-node}"
PEERS="${PEERS:-herald tutorial nchan}"
IDLE_CONNECTIONS="${IDLE_CONNECTIONS:-$(q 18000 300)}"
IDLE_HOLD="${IDLE_HOLD:-$(q 50 2)}"
SATURATED_CONNECTIONS="${SATURATED_CONNECTIONS:-$(q 1000 200)}"
SATURATED_EVENTS="${SATURATED_EVENTS:-$(q 500 100)}"
PUBLISH_CONCURRENCY="${PUBLISH_CONCURRENCY:-4}"
RATE_CONNECTIONS="${RATE_CONNECTIONS:-$(q 10000 300)}"
RATE_EVENTS="${RATE_EVENTS:-$(q 200 40)}"
RATE_RATE="${RATE_RATE:-$(q 50 20)}"
TARGETED_CONNECTIONS="${TARGETED_CONNECTIONS:-$(q 10000 200)}"
TARGETED_RATE="${TARGETED_RATE:-$(q 5000 200)}"
TARGETED_DURATION="${TARGETED_DURATION:-$(q 10 3)}"
TARGETED_WARMUP_EVENTS="${TARGETED_WARMUP_EVENTS:-$(q 20000 200)}"
TARGETED_BATCH="${TARGETED_BATCH:-100}"
TARGETED_BATCH_CONCURRENCY="${TARGETED_BATCH_CONCURRENCY:-1}"
STORM_CONNECTIONS="${STORM_CONNECTIONS:-$(q 10000 300)}"
STORM_RATE="${STORM_RATE:-$(q 50 20)}"
STORM_DURATION="${STORM_DURATION:-$(q 15 6)}"
STORM_AT="${STORM_AT:-$(q 5 2)}"
STORM_SPREAD="${STORM_SPREAD:-$(q 1000 500)}"
STORM_WARMUP_STORMS="${STORM_WARMUP_STORMS:-1}"
MULTI_CONNECTIONS="${MULTI_CONNECTIONS:-$(q 100000 900)}"
MULTI_NODES="${MULTI_NODES:-$(q 6 3)}"
MULTI_EVENTS="${MULTI_EVENTS:-$(q 30 10)}"
MULTI_RATE="${MULTI_RATE:-$(q 1 2)}"
MULTI_WARMUP_EVENTS="${MULTI_WARMUP_EVENTS:-5}"
PAYLOAD_BYTES="${PAYLOAD_BYTES:-128}"
WARMUP_EVENTS="${WARMUP_EVENTS:-$(q 300 20)}"
CONNECT_RATE="${CONNECT_RATE:-2000}"
CONNECT_TIMEOUT_MS="${CONNECT_TIMEOUT_MS:-10000}"
CONNECT_SLACK="${CONNECT_SLACK:-60}"
CONNECT_STALL="${CONNECT_STALL:-15}"
PUBLISH_TIMEOUT_MS="${PUBLISH_TIMEOUT_MS:-10000}"
MAX_PUBLISH_FAILURES="${MAX_PUBLISH_FAILURES:-8}"
SERVER_JVM_OPTS="${SERVER_JVM_OPTS:--Xms256m -Xmx2g -XX:+UseG1GC}"
HERALD_JVM_OPTS="${HERALD_JVM_OPTS:--Xms256m -Xmx2g -XX:+UseSerialGC}"
HERALD_OPTS="${HERALD_OPTS:-}" # more options for every single-process Herald, e.g. --herald.store.type=memory
# Herald's abuse limits (docs/security.md) would throttle the bench, whose load comes from a few loopback addresses and
# one publisher: 200 streams and 10 subscribes/s per address, 100 publishes/s per publisher. Raised out of the way: a
# burst of a million covers every case by itself. The rates stay at 10,000/s: the token buckets take a token back per
# nanosecond of clock that a racing thread sees run backwards, so a rate of a million per second emptied a bucket on a
# loaded machine (78 subscribes of 6,000 got a 429 in a test run).
HERALD_LIMIT_OPTS="${HERALD_LIMIT_OPTS:---herald.limits.max-connections-per-address=1000000 --herald.limits.subscribe-rate=10000 --herald.limits.subscribe-burst=1000000 --herald.limits.publish-rate=10000 --herald.limits.publish-burst=1000000}"
HERALD_LOG_OPTS="${HERALD_LOG_OPTS---logging.level.dev.herald.connections=WARN}"
NCHAN_WORKERS="${NCHAN_WORKERS:-1}"
HERALD_JAR="${HERALD_JAR:-$root/herald-server/target/herald-server.jar}"
OUT="${OUT:-$here/target/benchmarks/$(date -u +%Y%m%d-%H%M%S)}"
DOC="${DOC:-$root/docs/benchmarks.md}"
HERALD_PORT="${HERALD_PORT:-18080}"
TUTORIAL_PORT="${TUTORIAL_PORT:-18081}"
NCHAN_PORT="${NCHAN_PORT:-18090}"
HERALD_NODE_PORT="${HERALD_NODE_PORT:-18100}"
REDIS_PORT="${REDIS_PORT:-18379}"
SECRET="${BENCH_JWT_SECRET:-bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

java_home="$("$root/bin/java-home" 2>/dev/null || echo /usr/lib/jvm/temurin-25-jdk-amd64)"
java="$java_home/bin/java"
bench_jar="$here/target/herald-bench.jar"
mkdir -p "$OUT/results"
commands="$OUT/commands.txt"
servers="$OUT/servers.txt"
: > "$commands"
: > "$servers"
skipped=()
run_started=$SECONDS

log() { printf '\n=== %s\n' "$*" >&2; }

# ---------------------------------------------------------------- build
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  modules="herald-bench"
  if [[ " $PEERS " == *" herald "* && -f "$root/herald-server/pom.xml" ]]; then
    modules="herald-server,herald-bench"
    # a package over an earlier repackaged jar can leave the old dependencies inside it: build it afresh
    rm -f "$root/herald-server/target/herald-server.jar" "$root/herald-server/target/herald-server.jar.original"
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

# ---------------------------------------------------------------- cases
case_scenario() {
  case "$1" in
    idle) echo idle ;;
    broadcast-saturated | broadcast-rate | broadcast-multi-node) echo broadcast ;;
    targeted | targeted-batch) echo targeted ;;
    reconnect-storm) echo reconnect-storm ;;
    *) echo "unknown case $1 (one of: idle broadcast-saturated broadcast-rate targeted targeted-batch reconnect-storm broadcast-multi-node)" >&2
       return 1 ;;
  esac
}

case_connections() {
  case "$1" in
    idle) echo "$IDLE_CONNECTIONS" ;;
    broadcast-saturated) echo "$SATURATED_CONNECTIONS" ;;
    broadcast-rate) echo "$RATE_CONNECTIONS" ;;
    targeted | targeted-batch) echo "$TARGETED_CONNECTIONS" ;;
    reconnect-storm) echo "$STORM_CONNECTIONS" ;;
    broadcast-multi-node) echo "$MULTI_CONNECTIONS" ;;
  esac
}

case_options() { # case
  local n budget
  n="$(case_connections "$1")"
  budget=$(( 3 * n / CONNECT_RATE + CONNECT_SLACK ))
  printf '%s\n' "--case=$1" "--connections=$n" "--connect-budget=$budget" "--connect-stall=$CONNECT_STALL" \
    "--connect-timeout=$CONNECT_TIMEOUT_MS" \
    "--publish-timeout=$PUBLISH_TIMEOUT_MS" "--max-publish-failures=$MAX_PUBLISH_FAILURES"
  case "$1" in
    idle) printf '%s\n' "--hold=$IDLE_HOLD" ;;
    broadcast-saturated) printf '%s\n' "--events=$SATURATED_EVENTS" "--rate=0" \
      "--publish-concurrency=$PUBLISH_CONCURRENCY" "--warmup=$WARMUP_EVENTS" ;;
    broadcast-rate) printf '%s\n' "--events=$RATE_EVENTS" "--rate=$RATE_RATE" "--warmup=$WARMUP_EVENTS" ;;
    targeted) printf '%s\n' "--rate=$TARGETED_RATE" "--duration=$TARGETED_DURATION" "--warmup=$TARGETED_WARMUP_EVENTS" ;;
    targeted-batch) printf '%s\n' "--rate=$TARGETED_RATE" "--duration=$TARGETED_DURATION" "--warmup=$TARGETED_WARMUP_EVENTS" \
      "--publish-batch=$TARGETED_BATCH" "--publish-concurrency=$TARGETED_BATCH_CONCURRENCY" ;;
    reconnect-storm) printf '%s\n' "--rate=$STORM_RATE" "--duration=$STORM_DURATION" "--storm-at=$STORM_AT" \
      "--storm-spread=$STORM_SPREAD" "--warmup=$WARMUP_EVENTS" "--warmup-storms=$STORM_WARMUP_STORMS" ;;
    broadcast-multi-node) printf '%s\n' "--events=$MULTI_EVENTS" "--rate=$MULTI_RATE" \
      "--warmup=$MULTI_WARMUP_EVENTS" ;;
  esac
}

# ---------------------------------------------------------------- peers
server_pids=()
running=""

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

peer_available() { # peer case
  case "$1" in
    herald) [[ -f "$HERALD_JAR" ]] && { [[ "$2" != broadcast-multi-node ]] || command -v redis-server >/dev/null; } ;;
    tutorial) [[ "$2" != broadcast-multi-node && "$2" != targeted-batch ]] ;;
    nchan) [[ "$2" != targeted-batch ]] && command -v nginx >/dev/null && [[ -f /usr/lib/nginx/modules/ngx_nchan_module.so ]] ;;
    *) return 1 ;;
  esac
}

why_unavailable() { # peer case
  case "$1:$2" in
    tutorial:broadcast-multi-node) echo "one Tomcat process with a cap of 8,192 connections; no shared store to spread it over (its cap shows in the other cases)" ;;
    tutorial:targeted-batch | nchan:targeted-batch) echo "no batch publish; its one-event publishes are in the targeted case" ;;
    herald:broadcast-multi-node) echo "needs $HERALD_JAR and redis-server" ;;
    herald:*) echo "needs $HERALD_JAR" ;;
    nchan:*) echo "needs nginx + libnginx-mod-nchan" ;;
    *) echo "unknown peer" ;;
  esac
}

# java_server name port run_dir jvm_opts args… : starts a Java server in the background, pid appended to server_pids
java_server() {
  local name="$1" port="$2" dir="$3" jvm_opts="$4"
  shift 4
  port_open "$port" && { echo "port $port is busy" >&2; return 1; }
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  (cd "$dir" && HERALD_SECURITY_JWT_SECRET="$SECRET" exec "$java" $jvm_opts "$@" \
    --server.port="$port" --server.address=127.0.0.1 --server.shutdown=immediate >>"$dir/server.log" 2>&1) &
  server_pids+=($!)
  printf '%s: java %s %s --server.port=%s --server.address=127.0.0.1 --server.shutdown=immediate\n' \
    "$name" "$jvm_opts" "$(printf '%s ' "$@" | sed "s|$OUT/jars/||g")" "$port" >> "$servers"
}

start_peer() { # peer case
  local peer="$1" kase="$2" dir="$OUT/run/$1-$2"
  mkdir -p "$dir"
  case "$peer:$kase" in
    herald:broadcast-multi-node)
      port_open "$REDIS_PORT" && { echo "port $REDIS_PORT is busy" >&2; return 1; }
      redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
        --maxmemory-policy noeviction --logfile "$dir/redis.log" &
      server_pids+=($!)
      printf 'redis (%s): redis-server --port %s --bind 127.0.0.1 --save "" --appendonly no --maxmemory-policy noeviction\n' \
        "$kase" "$REDIS_PORT" >> "$servers"
      wait_port "$REDIS_PORT" 30 "${server_pids[0]}" || { tail -20 "$dir/redis.log" >&2; return 1; }
      local k
      for ((k = 0; k < MULTI_NODES; k++)); do
        # shellcheck disable=SC2086
        java_server "herald node $k ($kase)" "$((HERALD_NODE_PORT + k))" "$dir/node-$k" "$HERALD_JVM_OPTS" -jar "$HERALD_JAR" \
          --herald.store.type=redis --herald.redis.url="redis://127.0.0.1:$REDIS_PORT" $HERALD_LIMIT_OPTS $HERALD_LOG_OPTS || return 1
      done
      for ((k = 0; k < MULTI_NODES; k++)); do
        wait_port "$((HERALD_NODE_PORT + k))" 300 "${server_pids[$((k + 1))]}" \
          || { tail -30 "$dir/node-$k/server.log" >&2; return 1; }
      done
      ;;
    herald:*)
      # shellcheck disable=SC2086
      java_server "herald ($kase)" "$HERALD_PORT" "$dir" "$HERALD_JVM_OPTS" -jar "$HERALD_JAR" $HERALD_LIMIT_OPTS $HERALD_LOG_OPTS $HERALD_OPTS || return 1
      wait_port "$HERALD_PORT" 180 "${server_pids[0]}" || { tail -30 "$dir/server.log" >&2; return 1; }
      ;;
    tutorial:*)
      java_server "tutorial ($kase)" "$TUTORIAL_PORT" "$dir" "$SERVER_JVM_OPTS" -jar "$bench_jar" tutorial-baseline || return 1
      wait_port "$TUTORIAL_PORT" 180 "${server_pids[0]}" || { tail -30 "$dir/server.log" >&2; return 1; }
      ;;
    nchan:*)
      local workers="$NCHAN_WORKERS"
      [[ "$kase" == broadcast-multi-node ]] && workers="$MULTI_NODES"
      server_pids+=("$(NCHAN_PORT="$NCHAN_PORT" NCHAN_WORKERS="$workers" NCHAN_PREFIX="$dir" \
        "$here/peers/nchan/nchan.sh" start)")
      printf 'nchan (%s): NCHAN_WORKERS=%s NCHAN_PORT=%s herald-bench/peers/nchan/nchan.sh start\n' \
        "$kase" "$workers" "$NCHAN_PORT" >> "$servers"
      ;;
  esac
  running="$peer:$kase"
  sleep 2 # let start-up settle before the "before" memory sample
}

stop_peer() {
  [[ -n "$running" ]] || return 0
  local pid
  if [[ "$running" == nchan:* ]]; then
    NCHAN_PORT="$NCHAN_PORT" NCHAN_PREFIX="$OUT/run/${running/:/-}" "$here/peers/nchan/nchan.sh" stop || true
  else
    for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${server_pids[@]}"; do
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
  fi
  running=""
  server_pids=()
}
trap stop_peer EXIT

# the bench options that make one peer speak: URLs, bodies, auth
peer_options() { # peer case
  local peer="$1" kase="$2" scenario k
  scenario="$(case_scenario "$kase")"
  case "$peer:$kase" in
    herald:broadcast-multi-node)
      for ((k = 0; k < MULTI_NODES; k++)); do
        echo "--subscribe-url=http://127.0.0.1:$((HERALD_NODE_PORT + k))/api/subscribe?topic=bench"
      done
      printf '%s\n' "--publish-url=http://127.0.0.1:$HERALD_NODE_PORT/api/events" \
        "--publish-header=Authorization: Bearer {token}" \
        '--publish-body={"topics":["bench"],"type":"message","data":"{payload}"}' "--jwt-secret=$SECRET" ;;
    herald:targeted | herald:targeted-batch)
      local path=/api/events
      [[ "$kase" == targeted-batch ]] && path=/api/events/batch
      printf '%s\n' "--subscribe-url=http://127.0.0.1:$HERALD_PORT/api/subscribe?topic=users/{user}" \
        "--subscribe-header=Authorization: Bearer {token}" "--token-subscribe=users/{user}" \
        "--publish-url=http://127.0.0.1:$HERALD_PORT$path" "--publish-header=Authorization: Bearer {token}" \
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

# ---------------------------------------------------------------- runs
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for kase in $CASES; do
  scenario="$(case_scenario "$kase")"
  for peer in $PEERS; do
    if ! peer_available "$peer" "$kase"; then
      log "skipping $peer / $kase: $(why_unavailable "$peer" "$kase")"
      skipped+=("$peer / $kase: $(why_unavailable "$peer" "$kase")")
      continue
    fi
    log "$peer / $kase ($(( (SECONDS - run_started) / 60 )) min so far)"
    if ! start_peer "$peer" "$kase"; then
      log "could not start $peer for $kase"
      skipped+=("$peer / $kase: the server did not start (see $OUT/run)")
      stop_peer
      continue
    fi
    mapfile -t opts < <(peer_options "$peer" "$kase"; case_options "$kase")
    pids="$(IFS=,; echo "${server_pids[*]}")"
    opts+=("--target=$peer" "--server-pid=$pids" "--payload-bytes=$PAYLOAD_BYTES" "--connect-rate=$CONNECT_RATE"
      "--out=$OUT/results")
    printf 'java -jar herald-bench.jar %s' "$scenario" >> "$commands"
    for o in "${opts[@]}"; do
      o="${o//$SECRET/\$SECRET}"
      o="${o//$OUT/\$OUT}"
      printf " '%s'" "$o" >> "$commands"
    done
    printf '\n' >> "$commands"
    "$java" -jar "$bench_jar" "$scenario" "${opts[@]}" > "$OUT/$peer-$kase.stdout" || {
      log "bench failed for $peer / $kase"
      skipped+=("$peer / $kase: the bench failed (see $OUT/$peer-$kase.stdout)")
    }
    stop_peer
  done
done
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)
elapsed_min=$(( (SECONDS - run_started + 59) / 60 ))

# ---------------------------------------------------------------- report
"$java" -jar "$bench_jar" report --in="$OUT/results" --reference=herald --targets=herald,tutorial,nchan \
  --cases="$(echo $CASES | tr ' ' ',')" --out="$OUT/tables.md"
log "results in $OUT ($elapsed_min min)"
if ((${#skipped[@]})); then
  printf 'not measured: %s\n' "${skipped[@]}" >&2
fi
[[ "$DOC" == "-" ]] && { cat "$OUT/tables.md"; exit 0; }

cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
mem_total="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
jdk="$("$java" -version 2>&1 | head -1)"
nginx_version="$(nginx -v 2>&1 || echo 'not installed')"
nchan_version="$(dpkg-query -W -f='${Version}' libnginx-mod-nchan 2>/dev/null || echo 'not installed')"
redis_version="$(redis-server --version 2>/dev/null | awk '{print $3}' || echo 'not installed')"
mkdir -p "$(dirname "$DOC")"
{
  cat <<EOF
# Benchmarks: Herald side by side with its peers

Generated by \`herald-bench/run-benchmarks.sh\`$( [[ "$QUICK" == 1 ]] && echo ' in **QUICK mode (small sizes: a smoke check, not a measurement)**') — run from
$started to $finished (UTC), $elapsed_min minutes. Every number below was measured in that run; nothing is copied from
elsewhere. Re-run the script to refresh this page (it overwrites it).

## The machine

| | |
|---|---|
| cores (nproc) | $(nproc) |
| CPU | ${cpu_model:-unknown} |
| memory | $mem_total |
| kernel | $(uname -sr) |
| open files per process (ulimit -n) | $(ulimit -n) |
| JDK (servers and bench) | $jdk |
| JVM options | Herald \`$HERALD_JVM_OPTS\`, tutorial \`$SERVER_JVM_OPTS\` |
| jars run (copied at the start) | ${jar_sums%<br>} |
| nginx / Nchan | $nginx_version / libnginx-mod-nchan $nchan_version |
| redis-server | $redis_version |
| load average (1, 5, 15 min) | at the start $load_at_start, at the end $(cut -d' ' -f1-3 /proc/loadavg); each table gives the 1-minute figure at the start and end of each of its runs |

EOF
  load_at_end="$(cut -d' ' -f1 /proc/loadavg)"
  # the load at the end says nothing about other work when the last case was the multi-node one: its 6 hubs, 6 bench
  # workers and redis raise it to 10-30 by themselves; then only the load at the start counts
  end_check=1
  [[ "${CASES##* }" == broadcast-multi-node ]] && end_check=0
  busy="$(awk -v a="${load_at_start%% *}" -v b="$load_at_end" -v n="$(nproc)" -v e="$end_check" \
    'BEGIN { print (a > n / 2 || (e && b > 2 * n)) ? 1 : 0 }')"
  if [[ "$busy" == 1 ]]; then
    cat <<EOF
**Warning: the machine was busy with other work during this run** (1-minute load average ${load_at_start%% *} at the
start, before any peer was started, and $load_at_end at the end, on $(nproc) cores; the run itself adds about 2).
Every process got only a slice of the CPU: absolute figures (rates, latencies, CPU %) are pessimistic and noisy, and
the peers did not all run under the same outside load. Re-run on a quiet machine before drawing conclusions.

EOF
  elif [[ "$end_check" == 0 ]]; then
    cat <<EOF
The machine was quiet at the start (1-minute load average ${load_at_start%% *} on $(nproc) cores, before any peer
was started). The load of $load_at_end at the end is the run's own last case, \`broadcast-multi-node\` ($MULTI_NODES hub or
nginx worker processes, the bench's worker processes and redis); each table gives the load around its own runs.

EOF
  fi
  cat <<EOF
The bench, the servers under test and the publisher all share these cores: the figures compare the servers with each
other on the same box, they are not what any of them would do on dedicated hardware.

## The peers

* **herald** — the standalone hub (\`herald-server.jar\`, embedded durable store: every publish is synced to disk
  before it is acknowledged$( [[ -n "$HERALD_OPTS" ]] && printf ', unless changed by \`%s\`' "$HERALD_OPTS")), JWT auth on: publishes carry a
  publisher token, targeted subscribers carry their own token (minted by the bench, HS256); broadcast subscribers are
  anonymous (public topic). Its per-address and per-publisher abuse limits are raised out of the way
  (\`$HERALD_LIMIT_OPTS\`): the bench's whole load comes from a few loopback addresses and one publisher.$( [[ -n "$HERALD_LOG_OPTS" ]] && printf ' Its line per stream opened and closed is off (\`%s\`), as Nchan runs with \`access_log off\`.' "$HERALD_LOG_OPTS") In \`broadcast-multi-node\`: $MULTI_NODES hub processes with \`--herald.store.type=redis
  --herald.redis.url=redis://127.0.0.1:$REDIS_PORT\` on one \`redis-server\` started for the run (no persistence),
  subscriber *i* on node *i* mod $MULTI_NODES, every event published to node 0.
* **tutorial** — the usual tutorial design (\`java -jar herald-bench.jar tutorial-baseline\`): Spring MVC on default
  Tomcat, a \`ConcurrentHashMap\` of \`SseEmitter\`s per topic, \`POST /api/events\` loops \`emitter.send(...)\` over the
  matching emitters on the request thread; no auth, no replay (\`Last-Event-ID\` is ignored), no heartbeats. Default
  Tomcat means at most 8,192 connections: past them connections are not accepted (they show as "not connected",
  and a publisher that cannot get in as failed publishes).
* **nchan** — nginx + the Nchan module (\`herald-bench/peers/nchan/nginx.conf\`): EventSource subscriber location
  \`/sub/<channel>\`, publisher location \`/pub/<channel>\` (the body is the message), a message buffer of 20,000
  per channel for \`Last-Event-ID\` resumption. No auth. $NCHAN_WORKERS nginx worker(s), $MULTI_NODES in
  \`broadcast-multi-node\` (one worker holds at most 19,500 connections).

All three get the same load from the same bench options; only URLs, bodies and auth headers differ (see the commands).
EOF
  if ((${#skipped[@]})); then
    printf '\n**Not measured in this run:**\n\n'
    printf '* %s\n' "${skipped[@]}"
  fi
  cat <<EOF

## Results: one table per target of issue #10

| target of the issue | case below | what to read |
|---|---|---|
| streams held by one hub process, heartbeats on: 18,000 | \`idle\` | subscribers connected, not connected, unexpected stream closes |
| hub memory per idle stream ≤ 10 KB | \`idle\` | server RSS per connection |
| deliveries/s, broadcast to 1,000 subscribers, saturated: ≥ Nchan's | \`broadcast-saturated\` | deliveries/s, herald ÷ nchan ≥ 1 |
| broadcast to 10,000 subscribers: deliveries/s ≥ Nchan's, p99 ≤ Nchan's | \`broadcast-rate\` | deliveries/s and latency p99 against nchan |
| 100,000 streams over several hub processes on Redis: p99 ≤ 1 s, none lost | \`broadcast-multi-node\` | latency p99, lost events |
| targeted, 10,000 users, 5,000 events/s: p99 ≤ 20 ms, max ≤ 100 ms | \`targeted\` (one event per request, every peer), \`targeted-batch\` (Herald's batch publish) | publish rate achieved, latency p99 and max |
| reconnect storm, 10,000 resume at once: all caught up within 5 s, 0 lost, 0 dup | \`reconnect-storm\` | caught up within 5 s, never caught up, lost, duplicated |
| ≥ 5× the tutorial design's deliveries/s, no cap at its 8,192 connections | \`broadcast-saturated\`, \`idle\` | herald ÷ tutorial deliveries/s ≥ 5; tutorial's "not connected" past 8,192 |

Sizes: idle $IDLE_CONNECTIONS streams held ${IDLE_HOLD}s; broadcast-saturated $SATURATED_CONNECTIONS subscribers × $SATURATED_EVENTS
events as fast as acknowledged ($PUBLISH_CONCURRENCY in flight); broadcast-rate $RATE_CONNECTIONS subscribers × $RATE_EVENTS events at
$RATE_RATE/s; targeted $TARGETED_CONNECTIONS users, $TARGETED_RATE events/s for ${TARGETED_DURATION}s to random users (targeted-batch: the
same through \`POST /api/events/batch\`, up to $TARGETED_BATCH events per request, requests in flight at most: $TARGETED_BATCH_CONCURRENCY); reconnect storm
$STORM_CONNECTIONS subscribers, $STORM_RATE events/s for ${STORM_DURATION}s, all dropped at ${STORM_AT}s and reconnecting within
${STORM_SPREAD} ms, after $STORM_WARMUP_STORMS unmeasured warm-up storm(s) of the same shape; broadcast-multi-node $MULTI_CONNECTIONS subscribers over $MULTI_NODES processes × $MULTI_EVENTS events at $MULTI_RATE/s.
Payload $PAYLOAD_BYTES bytes; $WARMUP_EVENTS unmeasured warm-up events before publishing starts ($MULTI_WARMUP_EVENTS in broadcast-multi-node;
$TARGETED_WARMUP_EVENTS in the targeted cases, each to a random subscriber, published as fast as acknowledged; none in idle). The columns \`herald ÷ peer\` are ratios of the raw figures: above 1 means Herald's figure is larger — better
for rates, worse for latency, memory and CPU. Counts that must be zero (loss, duplicates, failures) get no ratio.

EOF
  cat "$OUT/tables.md"
  cat <<'EOF'
## What the figures mean

* **subscribers connected / not connected** — subscriptions that got a `200` and a stream within the connect phase
  (it ends once nobody connected for `CONNECT_STALL` seconds (15), at the latest after 3 × connections ÷ connect rate + a slack);
  the others were refused, timed out (no response head within
  `--connect-timeout`, as when a server stops accepting at its cap) or answered non-200.
* **connect rate** — connected subscribers ÷ time from the first connect to the last response head, with the bench
  pacing new connections at `--connect-rate` (2,000/s by default, so ~2,000 is the ceiling here, not the server's).
* **server RSS per connection** — (VmRSS of the server's process tree after connecting − before) ÷ connections;
  with several processes (hub nodes and Redis, nginx workers) all of them together. For JVM servers this includes heap
  the GC has not given back, so it is an upper bound, noisy at small counts.
* **publish rate, publish ack p99** — acknowledged (2xx) publish requests per second and their round trip. In
  saturated broadcast the publisher sends the next event as soon as one of its requests is answered, so this is the
  server's acknowledged publish throughput with that many subscribers. A publisher that gets
  `--max-publish-failures` failures stops (a note says so).
* **deliveries/s** — events parsed by all subscribers ÷ (last delivery − first publish).
* **latency** — from the moment the publisher stamps the event (wall clock, µs, just before sending the request,
  written into the payload) to the moment the subscriber's socket read returned the bytes that completed it.
  It includes the publish request itself. Publisher and subscribers read the same machine clock. Percentiles come
  from HdrHistogram (3 significant digits) over every single delivery.
* **lost / duplicated / misrouted** — the payload carries a sequence number (per topic, or per user when targeted)
  and the addressee. Each subscriber that was streaming when publishing began must receive every acknowledged event
  meant for it exactly once; lost = never received, duplicated = received more than once, misrouted = another
  user's event. These must be 0.
* **reconnect storm** — at the storm instant every subscriber closes its socket and reconnects after a random delay
  (0 to the spread) with `Last-Event-ID`. Its *reconnect* is the moment its first connection attempt after the drop
  goes out. It has **caught up** at the first moment it holds every acknowledged event published before its reconnect
  (received live before the drop or replayed after); **catch-up** time runs from its reconnect to that moment (0 if it
  missed nothing). Every dropped stream is counted: "never caught up" are those still missing such an event at the end
  (a server without replay never closes the gap). "Streaming again" counts those that got a stream after the drop.
* **server CPU, measuring phase** — CPU time of the server's process tree(s) (utime + stime from /proc/<pid>/stat,
  sampled when the measuring phase starts and when it ends) ÷ its wall time; 100 % = one core. The measuring phase is
  the hold of `idle`, and publishing + draining otherwise: no connects, no warm-up. **server CPU, whole run** is the
  same over the whole bench run, connects included (the figure earlier versions reported). **bench CPU** — the
  bench itself (coordinator + worker processes) over the measuring phase. With everything on one box the bench's share
  is taken from the server: compare it to the server's figure before drawing conclusions.

## How this was produced

```sh
herald-bench/run-benchmarks.sh
```

The script builds `herald-server` and `herald-bench`, copies both jars into its output directory, starts each peer
fresh for each case, runs the bench, stops the peer. The servers were started as (in their own run directory,
Herald with `HERALD_SECURITY_JWT_SECRET=$SECRET`):

```
EOF
  cat "$servers"
  cat <<'EOF'
```

The exact bench commands of this run (`$SECRET` = the random JWT secret the script gave Herald, `$OUT` = the
output directory):

```sh
EOF
  cat "$commands"
  cat <<EOF
\`\`\`

Raw JSON and Markdown per run: \`$OUT\` (not committed).
EOF
} > "$DOC"
log "wrote $DOC"
