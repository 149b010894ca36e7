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

# Grafana: the dashboard parses, every panel has the $datasource datasource and queries, the metrics the
# service exposes are all charted, and the provisioning files parse. Writes the panel queries as a rule file
# so promtool can check that each one is valid PromQL.
check_grafana() {
  local exprs; exprs=$(mktemp --suffix=.yml)
  node - "$exprs" <<'JS' && { ! command -v promtool >/dev/null || promtool check rules "$exprs" >/dev/null; }
const fs = require('node:fs');
const yaml = require('js-yaml');
const fail = (msg) => { console.error(`grafana: ${msg}`); process.exitCode = 1; };
const dash = JSON.parse(fs.readFileSync('deploy/grafana/odoo-ai-gateway.json', 'utf8'));
if (typeof dash.schemaVersion !== 'number' || dash.schemaVersion < 36) fail(`schemaVersion ${dash.schemaVersion} is too old`);
const dsVar = (dash.templating?.list ?? []).find((v) => v.type === 'datasource' && v.query === 'prometheus');
if (!dsVar) fail('no Prometheus datasource variable');
const panels = dash.panels.filter((p) => p.type !== 'row');
const ids = new Set();
const exprs = [];
for (const p of panels) {
  if (ids.has(p.id)) fail(`duplicate panel id ${p.id}`);
  ids.add(p.id);
  if (p.datasource?.uid !== `\${${dsVar?.name}}`) fail(`panel "${p.title}" does not use the datasource variable`);
  if (!Array.isArray(p.targets) || p.targets.length === 0) fail(`panel "${p.title}" has no targets`);
  if (!p.gridPos || p.gridPos.x + p.gridPos.w > 24) fail(`panel "${p.title}" has no valid gridPos`);
  for (const t of p.targets ?? []) {
    if (!t.expr) fail(`panel "${p.title}" target ${t.refId} has no expr`);
    if (t.datasource?.uid !== p.datasource?.uid) fail(`panel "${p.title}" target ${t.refId} has another datasource`);
    exprs.push(String(t.expr).replace(/\$__rate_interval/g, '5m'));
  }
}
const charted = exprs.join('\n');
const metrics = ['http_request_duration_seconds', 'llm_requests_total', 'llm_request_duration_seconds', 'llm_time_to_first_token_seconds',
  'llm_gateway_overhead_seconds', 'llm_tokens_total', 'llm_cost_usd_total', 'llm_retries_total', 'llm_fallbacks_total',
  'llm_circuit_breaker_state', 'llm_quota_utilization_ratio', 'llm_quota_alerts_total', 'llm_cache_hits_total',
  'process_resident_memory_bytes', 'process_cpu_seconds_total'];
for (const m of metrics) if (!charted.includes(m)) fail(`no panel charts ${m}`);
const rules = { groups: [{ name: 'dashboard-queries', rules: exprs.map((expr, i) => ({ record: `dashboard:query_${i}`, expr })) }] };
fs.writeFileSync(process.argv[2], yaml.dump(rules));
const ds = yaml.load(fs.readFileSync('deploy/grafana/provisioning/datasources/prometheus.yml', 'utf8'));
if (!ds?.datasources?.some((d) => d.type === 'prometheus' && d.url)) fail('provisioning has no Prometheus datasource');
const prov = yaml.load(fs.readFileSync('deploy/grafana/provisioning/dashboards/odoo-ai-gateway.yml', 'utf8'));
if (!prov?.providers?.some((p) => p.type === 'file' && p.options?.path)) fail('provisioning has no file dashboard provider');
if (!process.exitCode) console.error(`grafana: ${panels.length} panels, ${exprs.length} queries`);
JS
  local status=$?
  rm -f "$exprs"
  return $status
}

# docker-compose.yml: structure of the drop-in (no engine is needed); `docker compose config` as well where available.
check_compose() {
  node - <<'JS' || return 1
const fs = require('node:fs');
const yaml = require('js-yaml');
const fail = (msg) => { console.error(`compose: ${msg}`); process.exitCode = 1; };
const compose = yaml.load(fs.readFileSync('docker-compose.yml', 'utf8'));
const services = compose?.services ?? {};
for (const name of ['ai-service', 'postgres', 'redis']) if (!services[name]) fail(`service ${name} is missing`);
const ai = services['ai-service'] ?? {};
if (!ai.build) fail('ai-service is not built from the Dockerfile');
if (ai.ports) fail('ai-service must not publish host ports (use expose)');
if (!(ai.expose ?? []).map(String).includes('8002')) fail('ai-service does not expose 8002');
const env = ai.environment ?? {};
const expectEnv = { API_KEY: /\$\{AI_SERVICE_API_KEY\b/, REDIS_URL: /^redis:\/\/redis:6379\/1$/, DATABASE_URL: /@postgres:5432\//, ANTHROPIC_API_KEY: /\$\{ANTHROPIC_API_KEY\b/, PORT: /^8002$/ };
for (const [key, pattern] of Object.entries(expectEnv)) if (!pattern.test(String(env[key] ?? ''))) fail(`ai-service env ${key}=${env[key]} does not match ${pattern}`);
for (const dep of ['postgres', 'redis']) if (ai.depends_on?.[dep]?.condition !== 'service_healthy') fail(`ai-service must wait for ${dep} to be healthy`);
if (!/^postgres:15/.test(services.postgres?.image ?? '')) fail('postgres must use postgres:15');
if (!/^redis:7/.test(services.redis?.image ?? '')) fail('redis must use redis:7');
for (const name of ['postgres', 'redis']) if (!services[name]?.healthcheck?.test) fail(`${name} has no healthcheck`);
for (const [name, svc] of Object.entries(services)) {
  for (const mount of svc.volumes ?? []) {
    const source = String(mount).split(':')[0];
    if (source.startsWith('.')) { if (!fs.existsSync(source)) fail(`${name} mounts missing ${source}`); }
    else if (!(source in (compose.volumes ?? {}))) fail(`${name} uses undeclared volume ${source}`);
  }
}
if (!process.exitCode) console.error(`compose: ${Object.keys(services).length} services`);
JS
  if docker compose version >/dev/null 2>&1; then
    POSTGRES_PASSWORD=x AI_SERVICE_API_KEY=x docker compose -f docker-compose.yml config -q || return 1
  fi
}

# Dockerfile: the essentials are present, and every file it copies from the context exists.
check_dockerfile() {
  local ok=0 pattern src
  for pattern in '^FROM node:20-bookworm-slim|^ARG NODE_IMAGE=node:20-bookworm-slim' '^USER node' '^EXPOSE 8002' '^HEALTHCHECK .*' '/health/live' '^CMD \["node", "dist/main.bundle.js"\]'; do
    grep -Eq "$pattern" Dockerfile || { echo "dockerfile: missing $pattern" >&2; ok=1; }
  done
  while read -r src; do
    [ -e "$src" ] || { echo "dockerfile: COPY source $src does not exist" >&2; ok=1; }
  done < <(grep -E '^COPY ' Dockerfile | grep -v -- '--from=' | sed -E 's/^COPY (--chown=[^ ]+ )?//' | awk '{for (i = 1; i < NF; i++) print $i}')
  return $ok
}

run "prometheus rules, rule tests and scrape config" check_prometheus
run "grafana dashboard, provisioning and panel queries" check_grafana
run "kubernetes manifests" node scripts/validate-k8s.js
run "kubernetes validator self-test" node scripts/validate-k8s.js --self-test
run "docker-compose.yml" check_compose
run "Dockerfile" check_dockerfile
run "live /metrics of the running app (promtool check metrics)" bash scripts/check-live-metrics.sh

if [ "$failures" -gt 0 ]; then log "$failures check(s) failed"; exit 1; fi
log "all deployment checks passed"
