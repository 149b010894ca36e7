#!/usr/bin/env bash
# Runs a command with real Postgres and Redis available (installed and started by scripts/services.sh).
# TEST_DATABASE_URL / TEST_REDIS_URL point at them; tests create their own database per run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
settings=$("$here/services.sh" start)
export TEST_DATABASE_URL=$(echo "$settings" | sed -n 's/^DATABASE_URL=//p')
export TEST_REDIS_URL=$(echo "$settings" | sed -n 's/^REDIS_URL=//p')
export TEST_SERVICES_SCRIPT="$here/services.sh"
exec "$@"
