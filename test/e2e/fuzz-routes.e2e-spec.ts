import { startFuzzApp, type FuzzApp } from 'test/fuzz/fuzz-app';
import { ModelCatalog } from 'src/gateway/catalog/model-catalog';
import { routesFromOpenApi, withKnownRoutes, type FuzzRoute, type OpenApiDocument } from 'test/fuzz/openapi-routes';
import { runPool } from 'test/fuzz/promise-pool';
import { fuzzRoute, probeRoute, routeSeed, type KnownHits } from 'test/fuzz/route-fuzzer';

/** Routes the service is meant to expose; any the OpenAPI document lacks are probed and, when not mounted, reported as skipped. */
const KNOWN_ROUTES = [
  'POST /v1/chat/completions',
  'GET /v1/models',
  'GET /metrics/costs',
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'POST /api/ai/validate',
  'POST /api/ai/reception/match_po',
  'POST /api/ai/reconcile',
  'POST /api/payroll/validate',
  'GET /api/payroll/indicators/{period}',
  'POST /api/chat',
  'POST /api/chat/message',
  'POST /api/chat/message/stream',
  'POST /api/chat/session/new',
  'GET /api/chat/session/{id}',
  'DELETE /api/chat/session/{id}',
  'GET /api/chat/knowledge/search',
  'POST /api/ai/sii/monitor',
  'GET /api/ai/sii/status',
  'GET /api/costs/report',
  'GET /api/admin/overview',
];

const SEED = Number(process.env.FUZZ_SEED ?? 20260310);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 200);
const CONCURRENCY = 8;

describe('Fuzzing every public route (real app, Postgres, Redis, vendor emulator)', () => {
  let fuzz: FuzzApp;

  beforeAll(async () => {
    fuzz = await startFuzzApp();
  });
  afterAll(() => fuzz?.close());

  it('answers malformed input with the standard 4xx body or a correct 2xx: never a 5xx, a hang, a secret or a stack trace', async () => {
    const docs = await fuzz.app.http.get('/docs-json');
    expect(docs.status).toBe(200);
    const routes = withKnownRoutes(routesFromOpenApi(docs.body as OpenApiDocument), KNOWN_ROUTES);
    expect(routes.length).toBeGreaterThanOrEqual(KNOWN_ROUTES.length);

    const started = Date.now();
    const skipped: string[] = [];
    const sentPerRoute = new Map<string, number>();
    const failures: string[] = [];
    const known: KnownHits = new Map();
    const durations: string[] = [];
    const outcomes = await runPool(routes, CONCURRENCY, async (route: FuzzRoute) => {
      const name = `${route.method} ${route.path}`;
      const probe = await probeRoute(fuzz, route);
      if (probe.skipped) {
        skipped.push(name);
        return;
      }
      const seed = routeSeed(SEED, route);
      const routeStarted = Date.now();
      try {
        sentPerRoute.set(name, await fuzzRoute(fuzz, { route, bodyLimitBytes: fuzz.bodyLimitBytes, bodyTimeoutMs: fuzz.bodyTimeoutMs, ...probe }, RUNS_PER_ROUTE, seed, known));
      } catch (error) {
        failures.push(`${name} (route seed ${seed}, FUZZ_SEED=${SEED}):\n${(error as Error).message}`);
      }
      durations.push(`${name} ${Date.now() - routeStarted} ms`);
    });

    const total = [...sentPerRoute.values()].reduce((a, b) => a + b, 0);
    console.log(
      [
        `fuzz: ${sentPerRoute.size + failures.length} routes, ${total} requests in ${Date.now() - started} ms (FUZZ_SEED=${SEED}, ${RUNS_PER_ROUTE} runs per route)`,
        `per route: ${durations.join(', ')}`,
        `skipped (not mounted): ${skipped.length ? skipped.join(', ') : 'none'}`,
        ...[...known].map(([id, hit]) => `known issue ${id}: ${hit.count} answers, e.g. ${hit.reproducer.slice(0, 400)}`),
        ...failures.map((f) => `FAILED ${f}`),
      ].join('\n'),
    );
    // A probe that throws (e.g. times out under load) must fail the run, never silently drop its route.
    const crashed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [`${routes[i].method} ${routes[i].path}: ${String((o.reason as Error)?.message ?? o.reason)}`] : []));
    expect(crashed).toEqual([]);
    expect(failures).toEqual([]);
    expect(sentPerRoute.size + skipped.length).toBe(routes.length);
    for (const [name, sent] of sentPerRoute) expect([name, sent]).toEqual([name, RUNS_PER_ROUTE]);

    // Invented model names never became metric series: every model label is a catalog id (retired ones included), offline or other.
    const catalog = [...fuzz.app.app.get(ModelCatalog).models.keys()];
    const labels = [...(await fuzz.app.http.get('/metrics')).text.matchAll(/^llm_\w+\{[^}]*model="([^"]*)"/gm)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(0);
    expect([...new Set(labels)].filter((model) => !['other', 'offline', ...catalog].includes(model))).toEqual([]);
  }, 360_000);
});
