#!/usr/bin/env bash
# Provisions the real Postgres and Redis that tests, benchmarks and chaos runs need, on this machine:
# installs them with apt-get when absent, starts private instances on loopback under $SERVICES_DIR,
# and prints the connection settings. Used by scripts/with-services.sh (npm test, npm run bench) and .ci/run.
#   scripts/services.sh start   -> prints DATABASE_URL=... and REDIS_URL=... lines (idempotent)
#   scripts/services.sh stop    -> stops what start started
#   scripts/services.sh pg-stop | pg-start | redis-stop | redis-start   (used by fault tests)
set -euo pipefail
SERVICES_DIR=${SERVICES_DIR:-/tmp/odoo-ai-gateway-services}
PG_PORT=${TEST_PG_PORT:-55432}
REDIS_PORT=${TEST_REDIS_PORT:-56379}
PG_DATA="$SERVICES_DIR/pg"
log() { echo "[services] $*" >&2; }

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }; done
  return 1
}

ensure_packages() {
  local missing=()
  pg_bin >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || { log "need root to install ${missing[*]} (or install them yourself)"; exit 1; }
  log "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2
  # Debian's packages start their own default clusters on install; we use private instances instead.
  command -v service >/dev/null && { service redis-server stop >/dev/null 2>&1 || true; }
}

pg_running() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }
redis_running() { timeout 1 redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

pg_start() {
  pg_running && return 0
  local bin; bin=$(pg_bin)
  mkdir -p "$SERVICES_DIR"; chmod 777 "$SERVICES_DIR"
  if [ ! -s "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA"
    as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$SERVICES_DIR/pg.log" -w -t 30 \
    -o "-p $PG_PORT -k $SERVICES_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  log "postgres on 127.0.0.1:$PG_PORT"
}
pg_stop() { pg_running || return 0; as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null; log "postgres stopped"; }

redis_start() {
  redis_running && return 0
  mkdir -p "$SERVICES_DIR"
  # A Redis stopped a moment ago may still hold the port: launch again until one answers, for ten seconds.
  local deadline=$((SECONDS + 10))
  while [ "$SECONDS" -lt "$deadline" ]; do
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" >/dev/null
    for _ in $(seq 1 10); do redis_running && { log "redis on 127.0.0.1:$REDIS_PORT"; return 0; }; sleep 0.1; done
  done
  log "redis did not start on 127.0.0.1:$REDIS_PORT; its log ends with:"; tail -n 5 "$SERVICES_DIR/redis.log" >&2 || true
  return 1
}
redis_stop() { redis_running || return 0; redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; log "redis stopped"; }

case "${1:-start}" in
  start)
    ensure_packages; pg_start; redis_start
    echo "DATABASE_URL=postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
    echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    ;;
  stop) pg_stop; redis_stop ;;
  pg-start) pg_start ;;
  pg-stop) pg_stop ;;
  redis-start) redis_start ;;
  redis-stop) redis_stop ;;
  *) echo "usage: $0 start|stop|pg-start|pg-stop|redis-start|redis-stop" >&2; exit 2 ;;
esac
