#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the headless admin page test (playwright-core drives it).
# Idempotent: does nothing when it is already installed; installing needs root.   Usage: bash scripts/ensure-chromium.sh
set -euo pipefail
log() { echo "[ensure-chromium] $*" >&2; }

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  [ "$(id -u)" = 0 ] || { log "Chromium is missing: run 'apt-get install -y chromium' as root"; return 1; }
  log "installing chromium with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends chromium >&2
  [ -x /usr/bin/chromium ]
}

ensure_chromium
