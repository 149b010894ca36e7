#!/usr/bin/env bash
# Starts the service with its embedded defaults (PGlite database, in-process store, generated local keys,
# offline LLM provider) on a free port, makes a few requests through the gateway, the cost report and the
# admin API, fetches /metrics and checks the exposition with `promtool check metrics`.
# Exits non-zero when the app does not start, a request fails, or promtool reports a problem.
#   Usage: bash scripts/check-live-metrics.sh [--dist]   (--dist: run the `npm run build` output instead of ts-node)
set -uo pipefail
cd "$(dirname "$0")/.."
log() { echo "[check-live-metrics] $*" >&2; }

# Reuse check-deploy.sh's promtool installer (Debian's prometheus package) instead of a second copy.
eval "$(sed -n '/^ensure_promtool() {/,/^}/p' scripts/check-deploy.sh)"
ensure_promtool || { log "promtool is not available"; exit 1; }

work=$(mktemp -d)
app_pid=
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
if [ "${1:-}" = "--dist" ]; then
  [ -f dist/main.bundle.js ] || { log "dist/main.bundle.js is missing: run npm run build first"; exit 1; }
  start=(node -r ./scripts/register-paths.js dist/main.bundle.js)
else
  start=(node -r ts-node/register/transpile-only -r tsconfig-paths/register src/main.ts)
fi

# Only what a first run on a laptop would have: a port and a data folder; everything else embedded.
env -u DATABASE_URL -u REDIS_URL -u API_KEY -u API_KEYS -u ADMIN_API_KEY \
  PORT="$port" HOST=127.0.0.1 DATA_DIR="$work/data" SII_MONITOR_ENABLED=false PAYROLL_FETCH_ENABLED=false PROXY_OFFLINE_ANSWERS=true LOG_LEVEL=warn \
  "${start[@]}" >"$work/app.log" 2>&1 &
app_pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do  # up to 60 s: ts-node compiles on start
  curl -fsS "$base/health/live" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { log "the app exited during start-up:"; cat "$work/app.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$base/health/live" >/dev/null || { log "the app did not become live on $base"; tail -50 "$work/app.log" >&2; exit 1; }
log "app live on $base (embedded defaults)"

api_key=$(cat "$work/data/dev-api-key") admin_key=$(cat "$work/data/dev-admin-key")
today=$(date -u +%F)
failed=0
call() {
  local label=$1; shift
  if curl -fsS -o /dev/null "$@"; then log "ok: $label"; else log "FAILED: $label"; failed=1; fi
}
call "health" "$base/health"
call "models" -H "Authorization: Bearer $api_key" "$base/v1/models"
for i in 1 2 3; do
  call "chat completion $i (offline provider)" -H "Authorization: Bearer $api_key" -H 'content-type: application/json' \
    -d "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"metrics check $i\"}]}" "$base/v1/chat/completions"
done
call "cost report" -H "Authorization: Bearer $api_key" "$base/api/costs/report?from=$today&to=$today&groupBy=provider&format=csv"
call "admin overview" -H "Authorization: Bearer $admin_key" "$base/api/admin/overview"
curl -sS -o /dev/null "$base/no/such/route" || true   # a 404 in the HTTP metrics

if ! curl -fsS "$base/metrics" -o "$work/metrics.txt"; then log "FAILED: GET /metrics"; exit 1; fi
for metric in http_request_duration_seconds llm_requests_total process_cpu_seconds_total; do
  grep -q "^$metric" "$work/metrics.txt" || { log "FAILED: /metrics has no $metric"; failed=1; }
done
# prom-client's default gauges nodejs_active_{handles,requests,resources}_total break the "_total is for
# counters" lint rule; their names are the library's, not ours, so only those three lint findings are tolerated.
# Parse errors (exit 1) and any other finding fail the check.
KNOWN_LINT='^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$'
promtool check metrics <"$work/metrics.txt" >"$work/promtool.txt" 2>&1
status=$?
other=$(grep -Ev "$KNOWN_LINT" "$work/promtool.txt" || true)
if [ "$status" = 0 ] || { [ "$status" = 3 ] && [ -z "$other" ]; }; then
  log "ok: promtool check metrics ($(grep -vc '^#' "$work/metrics.txt") samples; $(grep -Ec "$KNOWN_LINT" "$work/promtool.txt") known prom-client lint findings tolerated)"
else
  cat "$work/promtool.txt" >&2
  log "FAILED: promtool check metrics (exit $status)"; failed=1
fi

[ "$failed" = 0 ] || { log "live metrics check failed"; tail -30 "$work/app.log" >&2; exit 1; }
log "live metrics check passed"
