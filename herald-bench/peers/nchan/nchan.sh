#!/usr/bin/env bash
# Starts / stops the Nchan peer (nginx + libnginx-mod-nchan) on loopback, in its own prefix directory.
#   nchan.sh start   prints the master pid once nginx accepts connections
#   nchan.sh stop
# Env: NCHAN_PORT (8090), NCHAN_WORKERS (worker_processes, default: nproc), NCHAN_PREFIX (/tmp/herald-bench-nchan)
# Needs: apt-get install -y nginx libnginx-mod-nchan
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${NCHAN_PORT:-8090}"
workers="${NCHAN_WORKERS:-$(nproc)}"
prefix="${NCHAN_PREFIX:-/tmp/herald-bench-nchan}"
nginx_bin="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

case "${1:-}" in
  start)
    if [[ ! -x "$nginx_bin" || ! -f /usr/lib/nginx/modules/ngx_nchan_module.so ]]; then
      echo "nchan.sh: nginx or the Nchan module is missing: apt-get install -y nginx libnginx-mod-nchan" >&2
      exit 1
    fi
    mkdir -p "$prefix/tmp"
    sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$port|g" -e "s|@WORKERS@|$workers|g" \
      "$here/nginx.conf" > "$prefix/nginx.conf"
    "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" -t -q
    "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        cat "$prefix/nginx.pid"
        exit 0
      fi
      sleep 0.1
    done
    echo "nchan.sh: nginx did not start listening on 127.0.0.1:$port; see $prefix/error.log" >&2
    exit 1
    ;;
  stop)
    if [[ -f "$prefix/nginx.pid" ]]; then
      pid="$(cat "$prefix/nginx.pid")"
      "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" -s quit || true
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || exit 0
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
