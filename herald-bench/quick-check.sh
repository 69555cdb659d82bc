#!/usr/bin/env bash
# Smoke check of run-benchmarks.sh: every case, every peer, at QUICK sizes (about 5 minutes on 2 cores; 8 measured at a
# load average of 20), then `herald-bench check` on the results: each expected (peer, case) result is there, and Herald and
# Nchan connected every subscriber, got every publish acknowledged, lost, duplicated and misrouted nothing, and every
# stream of the reconnect storm caught up. Speed and latency are not judged (they depend on the machine). The page is
# written to the output directory, never to docs/benchmarks.md.
#
#   herald-bench/quick-check.sh                  # builds first; SKIP_BUILD=1 to use the jars as they are
#   Ports and other settings as for run-benchmarks.sh (HERALD_PORT, NCHAN_PORT, REDIS_PORT, …).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${OUT:-$here/target/benchmarks/quick-$(date -u +%Y%m%d-%H%M%S)}"
cases="${CASES:-idle broadcast-saturated broadcast-rate targeted targeted-batch reconnect-storm broadcast-multi-node}"

QUICK=1 OUT="$out" DOC="$out/benchmarks.md" CASES="$cases" PEERS="herald tutorial nchan" "$here/run-benchmarks.sh"

java_home="$("$root/bin/java-home" 2>/dev/null || echo /usr/lib/jvm/temurin-25-jdk-amd64)"
present="herald,tutorial"
strict="herald"
if command -v nginx >/dev/null && [[ -f /usr/lib/nginx/modules/ngx_nchan_module.so ]]; then
  present="herald,tutorial,nchan"
  strict="herald,nchan"
fi
status=0
# the tutorial has no multi-node case, only Herald has the batch case; everything else must be there
"$java_home/bin/java" -jar "$out/jars/herald-bench.jar" check --in="$out/results" \
  --cases="$(echo "$cases" | sed 's/broadcast-multi-node//; s/targeted-batch//' | xargs | tr ' ' ',')" --present="$present" \
  --strict="$strict" || status=1
if [[ " $cases " == *" targeted-batch "* ]]; then
  "$java_home/bin/java" -jar "$out/jars/herald-bench.jar" check --in="$out/results" --cases=targeted-batch \
    --present=herald --strict=herald || status=1
fi
if [[ " $cases " == *" broadcast-multi-node "* ]]; then
  "$java_home/bin/java" -jar "$out/jars/herald-bench.jar" check --in="$out/results" --cases=broadcast-multi-node \
    --present="${present/tutorial,/}" --strict="$strict" || status=1
fi
echo "page: $out/benchmarks.md"
exit "$status"
