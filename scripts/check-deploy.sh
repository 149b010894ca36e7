#!/usr/bin/env bash
# Checks the deployment artifacts offline: Prometheus rules, their unit tests and scrape config (promtool),
# the Grafana dashboard and provisioning, the Kubernetes manifests (schemas, cross-references, policy, self-test)
# and docker-compose.yml. Installs Debian's prometheus package for promtool when it is absent.
# Exits non-zero when any check fails.   Usage: bash scripts/check-deploy.sh
set -uo pipefail
cd "$(dirname "$0")/.."
log() { echo "[check-deploy] $*" >&2; }
failures=0
run() {
  local label=$1; shift
  if "$@"; then log "ok: $label"; else log "FAILED: $label"; failures=$((failures + 1)); fi
}

ensure_promtool() {
  command -v promtool >/dev/null && return 0
  [ "$(id -u)" = 0 ] || { log "promtool is missing: install Debian's prometheus package (needs root)"; return 1; }
  log "installing prometheus (for promtool) with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  # Debian's package starts the Prometheus server on install; forbid that while installing, when nothing else does.
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && added_policy=1; fi
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends prometheus >&2
  local status=$?
  [ "$added_policy" = 1 ] && rm -f "$policy"
  # Should a server have started anyway, stop it: only promtool is wanted here.
  if command -v service >/dev/null && service prometheus status >/dev/null 2>&1; then service prometheus stop >/dev/null 2>&1 || true; fi
  [ "$status" = 0 ] && command -v promtool >/dev/null
}

check_prometheus() {
  ensure_promtool || return 1
  promtool check rules deploy/prometheus/alerts.yml >&2 &&
    promtool test rules deploy/prometheus/alerts.test.yml >&2 &&
    promtool check config deploy/prometheus/prometheus.yml >&2
}

run "prometheus rules, rule tests and scrape config" check_prometheus
run "grafana dashboard and provisioning" node scripts/check-deploy.js grafana
run "kubernetes manifests" node scripts/validate-k8s.js
run "kubernetes validator self-test" node scripts/validate-k8s.js --self-test
run "docker-compose.yml" node scripts/check-deploy.js compose

if [ "$failures" -gt 0 ]; then log "$failures check(s) failed"; exit 1; fi
log "all deployment checks passed"
