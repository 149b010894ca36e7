import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Emulator, EmulatorOptions, EmulatorRule, EmulatorStats, EmulatorVendor, RecordedRequest, RuleState } from './emulator.types';
import { RequestRecorder } from './features/request-recorder';
import { readBody, sendJson } from './http-io';
import { Responder } from './responder';
import { modelList, resolveRoute } from './router';
import { ruleProblem, RuleBook } from './rule-book';
import { StatsRecorder } from './stats-recorder';

export * from './emulator.types';

const CONTROL_PREFIX = '/_emulator/';

/** Starts an HTTP server speaking the OpenAI, Anthropic and Gemini wire formats, scriptable in-process or over HTTP. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const rules = new RuleBook(opts.seed ?? 1);
  const stats = new StatsRecorder(opts.maxRequestLog ?? 10_000);
  const recorder = new RequestRecorder(opts.maxRecordedRequests ?? 200);
  const responder = new Responder({ cacheMinTokens: opts.cacheMinTokens ?? 1024, chunkDelayMs: opts.chunkDelayMs ?? 5, latencyMs: opts.latencyMs ?? 0 }, rules, stats);
  const control = {
    reset(): void {
      rules.clear();
      stats.clear();
      recorder.clear();
      responder.cache.clear();
    },
    lastRequest: (vendor?: EmulatorVendor): RecordedRequest | undefined => recorder.last(vendor),
    requests: (vendor?: EmulatorVendor): RecordedRequest[] => recorder.list(vendor),
    script: (rule: EmulatorRule): RuleState => rules.add(rule),
    stats: (): EmulatorStats => stats.snapshot(rules.list()),
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: Error) => sendJson(res, 500, { error: { message: error.message, type: 'emulator_error' } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const query = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
    const method = req.method ?? 'GET';
    if (path.startsWith(CONTROL_PREFIX)) return handleControl(method, path.slice(CONTROL_PREFIX.length), query, req, res);
    const route = resolveRoute(method, path, req.headers);
    if (!route) return sendJson(res, 404, { error: { message: `emulator has no route ${method} ${path}`, type: 'not_found' } });
    if (route.kind === 'models') return sendJson(res, 200, modelList(route.vendor));
    let body: unknown;
    let size = 0;
    try {
      const raw = await readBody(req);
      size = raw.length;
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, route.wire.errorBody(400, 'request body is not valid JSON'));
    }
    if (!body || typeof body !== 'object') return sendJson(res, 400, route.wire.errorBody(400, 'request body must be a JSON object'));
    recorder.record(route.wire.vendor, method, path, query, req.headers, body, size);
    if (route.kind === 'count-tokens') return responder.countTokens(route.wire, body as Record<string, unknown>, res);
    if (route.kind === 'embeddings') return responder.embed(route.wire, route.api, route.model, body as Record<string, unknown>, res);
    return responder.respond(route.wire, route, body as Record<string, unknown>, res);
  }

  async function handleControl(method: string, action: string, query: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (method === 'GET' && action === 'stats') return sendJson(res, 200, control.stats());
    if (method === 'GET' && action === 'requests') return sendJson(res, 200, { requests: control.requests(vendorParam(query)) });
    if (method === 'GET' && action === 'health') return sendJson(res, 200, { ok: true });
    if (method === 'POST' && action === 'reset') {
      control.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && action === 'script') return scriptOverHttp(req, res);
    sendJson(res, 404, { error: `unknown control call ${method} ${CONTROL_PREFIX}${action}` });
  }

  async function scriptOverHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const parsed = JSON.parse(await readBody(req)) as EmulatorRule | EmulatorRule[];
      const list = Array.isArray(parsed) ? parsed : [parsed];
      const problem = list.map((rule) => ruleProblem(rule)).find(Boolean);
      if (problem) return sendJson(res, 400, { error: problem });
      sendJson(res, 200, { rules: list.map((rule) => control.script(rule)) });
    } catch (error) {
      sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1';

  return {
    lastRequest: control.lastRequest,
    requests: control.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    port,
    reset: control.reset,
    script: control.script,
    stats: control.stats,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  };
}

function vendorParam(query: string): EmulatorVendor | undefined {
  const vendor = new URLSearchParams(query).get('vendor');
  return vendor === 'openai' || vendor === 'anthropic' || vendor === 'gemini' ? vendor : undefined;
}
