import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { loadConfig } from 'src/config';
import { MemoryKvStore, RedisHandle } from 'src/infra/redis';
import { ModelCatalog } from './catalog/model-catalog';
import { NoTargetServedError, StreamInterruptedError, UnpricedModelError, UpstreamRequestError } from './gateway-errors';
import { GatewayEvent } from './gateway.events';
import { GatewayClock } from './gateway-clock';
import { GatewayService } from './gateway.service';
import type { LlmRequest, LlmStreamEvent, ProviderId } from './llm.types';
import { OfflineProvider } from './providers/offline/offline.provider';
import { ChatBody, LlmProvider, ProviderError, ProviderStreamChunk } from './providers/provider';
import type { ProviderRegistry } from './providers/provider.registry';
import { UnsupportedParameterError } from './providers/unsupported-parameter.error';
import type { RunOptions } from './request-run';
import { SharedCircuitBreakers } from './resilience/circuit-breaker';
import { ProviderRateLimiter } from './resilience/provider-rate-limiter';
import { TargetPolicy, VendorGate } from './resilience/target-policy';
import { DeploymentBalancer } from './routing/deployment-balancer';
import type { UsageRecord } from './usage/usage-record';
import { QuotaMonitor } from './usage/quota-monitor';
import { ResponseCache } from './usage/response-cache';
import { UsageRecorder } from './usage/usage-recorder';
import { CallerGate } from './usage/caller-gate';
import type { CallerPolicy } from 'src/keys';

const USAGE = { input: 10, output: 2, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
type Step = 'fail' | 'reject' | 'cut' | string;

function completion(text: string) {
  return {
    id: 'x',
    object: 'chat.completion' as const,
    created: 0,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant' as const, content: text, refusal: null }, finish_reason: 'stop' as const, logprobs: null }],
  };
}

function chunk(text: string): ProviderStreamChunk {
  return { type: 'chunks', items: [{ chunk: { id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] } }] };
}

/**
 * A vendor following a script, one step per call: 'fail' (503 before any text), 'reject' (the vendor refuses the
 * caller's request, 400), 'cut' (a stream that breaks after its first text), 'long' (a stream that goes on after its
 * first text until the call is aborted), or the text to answer.
 */
function scriptedVendor(id: ProviderId, steps: Step[], refuses?: string) {
  const closed: number[] = [];
  let calls = 0;
  const failure = (step: Step) =>
    step === 'reject'
      ? new ProviderError('bad_request', 'bad', id, 400, undefined, 'vendor says: tools[0] is invalid for key sk-proj-abcdefghijklmnop')
      : new ProviderError('server', 'upstream 503', id, 503);
  const provider: LlmProvider = {
    id,
    check: (body: ChatBody) => {
      if (refuses && body[refuses] !== undefined) throw new UnsupportedParameterError(refuses, id);
    },
    complete: async () => {
      const step = steps[calls++];
      if (step === 'fail' || step === 'reject') throw failure(step);
      return { completion: completion(step), finishReason: 'stop', usage: USAGE };
    },
    stream: (_body, providerCall): AsyncIterable<ProviderStreamChunk> => {
      const call = calls++;
      const step = steps[call];
      let sent = 0;
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            if (step === 'fail' || step === 'reject') throw failure(step);
            sent += 1;
            if (sent === 1) return { done: false, value: chunk(step === 'cut' || step === 'long' ? 'medio ' : step) };
            if (step === 'cut') throw new ProviderError('network', 'socket hang up', id);
            if (step === 'long') {
              await new Promise((resolve) => providerCall.signal.addEventListener('abort', () => resolve(undefined)));
              throw new ProviderError('aborted', 'aborted', id);
            }
            if (sent === 2) return { done: false, value: { type: 'end', finishReason: 'stop', usage: USAGE } };
            return { done: true, value: undefined };
          },
          return: async () => {
            closed.push(call);
            return { done: true, value: undefined };
          },
        }),
      };
    },
  };
  return { provider, closed, calls: () => calls };
}

function build(vendors: LlmProvider[], cacheTtlSeconds = 0) {
  const config = loadConfig({ OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', LLM_RETRY_BASE_MS: '1', LLM_RETRY_MAX_MS: '2', RESPONSE_CACHE_TTL_SECONDS: String(cacheTtlSeconds) });
  const kv = new MemoryKvStore();
  const events = new EventEmitter2();
  const offline = new OfflineProvider();
  const byId = new Map<ProviderId, LlmProvider>([...vendors.map((v) => [v.id, v] as const), ['offline', offline]]);
  const providers = {
    offline,
    get: (id: ProviderId) => byId.get(id),
    forTarget: (t: { provider: ProviderId }) => byId.get(t.provider),
    serves: () => false,
    vendorIds: () => vendors.map((v) => v.id),
  } as unknown as ProviderRegistry;
  const windowMs = { minute: 60_000, day: 86_400_000 };
  const catalog = ModelCatalog.load(config);
  const breakers = new SharedCircuitBreakers(kv, { failureThreshold: 5, openMs: 60_000 });
  const limiter = new ProviderRateLimiter(new RedisHandle(null, null), windowMs);
  const clock = new GatewayClock();
  const gate = new VendorGate(breakers, limiter, new QuotaMonitor(kv, windowMs, () => undefined), catalog, config, clock);
  const balancer = new DeploymentBalancer(config, providers, breakers);
  const settlements: unknown[] = [];
  const callers = {
    allowsModel: () => true,
    restrictsModels: () => false,
    admit: async () => ({ id: 'a' }),
    settle: async (...args: unknown[]) => void settlements.push(args),
  } as unknown as CallerPolicy;
  const sut = new GatewayService(
    config,
    catalog,
    providers,
    new TargetPolicy(gate, config, events, balancer, clock),
    new UsageRecorder(catalog, config, events, clock),
    new ResponseCache(kv, config),
    events,
    balancer,
    new CallerGate(callers),
    clock,
  );
  const fallbacks: unknown[] = [];
  const cacheHits: unknown[] = [];
  const rows: UsageRecord[] = [];
  events.on(GatewayEvent.Fallback, (e) => fallbacks.push(e));
  events.on(GatewayEvent.ResponseCacheHit, (e) => cacheHits.push(e));
  events.on(GatewayEvent.Usage, (row: UsageRecord) => rows.push(row));
  return { sut, fallbacks, cacheHits, rows, settlements, catalog };
}

const request: LlmRequest = { operation: 'test', model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hola' }], caller: { apiKeyName: 'test' } };
const proxy = (over: Partial<RunOptions> = {}): RunOptions => ({ operation: 'proxy.chat', caller: { apiKeyName: 'a' }, offline: false, dropUnsupported: false, cache: { enabled: true }, ...over });
const body = (over: Record<string, unknown> = {}): ChatBody => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hola' }], ...over }) as ChatBody;

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe(GatewayService.name, () => {
  describe('stream', () => {
    it('retries a failure before the first chunk on the same vendor, closing the failed stream', async () => {
      const openai = scriptedVendor('openai', ['fail', 'hola']);
      const { sut, fallbacks } = build([openai.provider]);
      const events = await collect<LlmStreamEvent>(sut.stream(request));
      expect(events.map((e) => e.type)).toEqual(['start', 'text', 'done']);
      expect(events.at(-1)).toMatchObject({ result: { provider: 'openai', text: 'hola', attempts: 2, usedFallback: false } });
      expect(openai.closed).toContain(0);
      expect(fallbacks).toEqual([]);
    });

    it('falls back to the next vendor when the first one fails before any text', async () => {
      const openai = scriptedVendor('openai', ['fail', 'fail', 'fail', 'fail']);
      const anthropic = scriptedVendor('anthropic', ['desde anthropic']);
      const { sut, fallbacks } = build([openai.provider, anthropic.provider]);
      const events = await collect<LlmStreamEvent>(sut.stream(request));
      expect(events.at(-1)).toMatchObject({ result: { provider: 'anthropic', text: 'desde anthropic', usedFallback: true } });
      expect(openai.closed).toEqual([0, 1, 2, 3]);
      expect(fallbacks).toEqual([expect.objectContaining({ from: 'openai', to: 'anthropic', reason: 'server' })]);
    });

    it('ends a stream broken midway with StreamInterruptedError, never a fallback, and records a partial row', async () => {
      const openai = scriptedVendor('openai', ['cut']);
      const anthropic = scriptedVendor('anthropic', ['nunca']);
      const { sut, rows } = build([openai.provider, anthropic.provider]);
      const seen: string[] = [];
      await expect(
        (async () => {
          for await (const event of sut.chatStream(body(), proxy())) seen.push(event.type);
        })(),
      ).rejects.toBeInstanceOf(StreamInterruptedError);
      expect(seen).toEqual(['start', 'chunks']);
      expect(anthropic.calls()).toBe(0);
      expect(rows).toEqual([expect.objectContaining({ provider: 'openai', status: 'partial', errorKind: 'network' })]);
    });

    it('records what was streamed, closes the vendor stream and settles the caller when the consumer stops reading midway', async () => {
      const openai = scriptedVendor('openai', ['long']);
      const { sut, rows, settlements } = build([openai.provider]);
      for await (const event of sut.chatStream(body(), proxy())) if (event.type === 'chunks') break;
      expect(openai.closed).toEqual([0]);
      expect(rows).toEqual([expect.objectContaining({ provider: 'openai', status: 'partial', errorKind: 'aborted', streamed: true })]);
      expect(rows[0].usage.output).toBeGreaterThan(0);
      expect(settlements).toHaveLength(1);
    });
  });

  describe('relayStream', () => {
    const sinkRefusingAfter = (accepted: number) => {
      const seen: string[] = [];
      return {
        seen,
        start: () => void seen.push('start'),
        chunks: () => (seen.push('chunks'), seen.length <= accepted),
        done: () => void seen.push('done'),
      };
    };

    it('stops the vendor call and records what was streamed when the sink says its consumer is gone', async () => {
      const openai = scriptedVendor('openai', ['long']);
      const { sut, rows, settlements } = build([openai.provider]);
      const sink = sinkRefusingAfter(1);
      await sut.relayStream(body(), proxy(), sink);
      expect(sink.seen).toEqual(['start', 'chunks']);
      expect(openai.closed).toEqual([0]);
      expect(rows).toEqual([expect.objectContaining({ provider: 'openai', status: 'partial', errorKind: 'aborted', streamed: true })]);
      expect(settlements).toHaveLength(1);
    });

    it("fails with the sink's own error, after stopping and recording the stream, when the sink throws", async () => {
      const openai = scriptedVendor('openai', ['long']);
      const { sut, rows } = build([openai.provider]);
      const sink = Object.assign(sinkRefusingAfter(9), {
        start: () => {
          throw new Error('the response could not begin');
        },
      });
      await expect(sut.relayStream(body(), proxy(), sink)).rejects.toThrow('the response could not begin');
      expect(openai.closed).toEqual([0]);
      expect(rows).toEqual([expect.objectContaining({ status: 'partial', errorKind: 'aborted' })]);
    });
  });

  describe('complete', () => {
    it('falls back along the same chain as the stream', async () => {
      const openai = scriptedVendor('openai', ['fail', 'fail', 'fail', 'fail']);
      const anthropic = scriptedVendor('anthropic', ['desde anthropic']);
      const { sut, fallbacks } = build([openai.provider, anthropic.provider]);
      expect(await sut.complete(request)).toMatchObject({ provider: 'anthropic', text: 'desde anthropic', usedFallback: true, attempts: 5 });
      expect(fallbacks).toEqual([expect.objectContaining({ from: 'openai', to: 'anthropic', reason: 'server' })]);
    });

    it("ends the request on the vendor's refusal of the caller's own request, without retry or fallback, its reason passed on with credentials masked", async () => {
      const openai = scriptedVendor('openai', ['reject']);
      const anthropic = scriptedVendor('anthropic', ['nunca']);
      const { sut } = build([openai.provider, anthropic.provider]);
      const logged = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const error = await sut.chat(body(), proxy()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamRequestError);
      expect((error as Error).message).toContain('tools[0] is invalid');
      expect((error as Error).message).not.toContain('abcdefghijklmnop');
      expect(logged.mock.calls.map(([line]) => String(line))).toEqual([expect.stringContaining('tools[0] is invalid for key [redacted]')]);
      logged.mockRestore();
      expect(openai.calls()).toBe(1);
      expect(anthropic.calls()).toBe(0);
    });

    it('stops when the caller has left: no retry, no fallback', async () => {
      const openai = scriptedVendor('openai', ['fail', 'hola']);
      const anthropic = scriptedVendor('anthropic', ['nunca']);
      const { sut } = build([openai.provider, anthropic.provider]);
      const left = new AbortController();
      left.abort(new Error('client disconnected'));
      await expect(sut.chat(body(), proxy({ signal: left.signal }))).rejects.toBeDefined();
      expect(anthropic.calls()).toBe(0);
    });

    it('answers a proxy caller with an error naming each target instead of the offline text when every vendor fails', async () => {
      const openai = scriptedVendor('openai', ['fail', 'fail', 'fail', 'fail']);
      const { sut } = build([openai.provider]);
      const error = await sut.chat(body(), proxy({ maxRetries: 0 })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NoTargetServedError);
      expect((error as Error).message).toContain('openai/gpt-4o-mini: server');
    });

    it('skips a fallback target that cannot honour a field, and refuses when none can', async () => {
      const openai = scriptedVendor('openai', ['fail'], undefined);
      const anthropic = scriptedVendor('anthropic', ['nunca'], 'logprobs');
      const { sut } = build([openai.provider, anthropic.provider]);
      const error = await sut.chat(body({ logprobs: true }), proxy({ maxRetries: 0 })).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/anthropic.*unsupported|anthropic cannot honour "logprobs"/);
      expect(anthropic.calls()).toBe(0);
      const alone = build([scriptedVendor('anthropic', ['nunca'], 'logprobs').provider]);
      await expect(alone.sut.chat(body({ model: 'claude-sonnet-4', logprobs: true }), proxy())).rejects.toThrow('anthropic cannot honour "logprobs"');
    });

    it('refuses a model without a catalog price unless the operator allowed unpriced models', async () => {
      const { sut } = build([scriptedVendor('anthropic', ['hola']).provider]);
      await expect(sut.chat(body({ model: 'anthropic/claude-opus-9' }), proxy())).rejects.toBeInstanceOf(UnpricedModelError);
    });

    it('routes repeated requests alike until a model retires or the catalog reloads, then by the new state at once', async () => {
      const openai = scriptedVendor('openai', ['mini', 'luna', 'fail', 'fail', 'fail', 'fail']);
      const anthropic = scriptedVendor('anthropic', ['sonnet']);
      const { sut, catalog } = build([openai.provider, anthropic.provider]);
      const clock = jest.spyOn(catalog, 'now').mockReturnValue(Date.parse('2027-01-13T23:59:59Z'));
      expect((await sut.chat(body(), proxy())).result).toMatchObject({ model: 'gpt-4o-mini', text: 'mini' });
      clock.mockReturnValue(Date.parse('2027-01-14T00:00:00Z')); // gpt-4o-mini's shutdown day: its successor answers
      expect((await sut.chat(body(), proxy())).result).toMatchObject({ model: 'gpt-6-luna', text: 'luna' });
      const reloaded = ModelCatalog.load(loadConfig({ OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', FALLBACK_CHAINS: '{"gpt-6-luna":["gpt-6-luna","claude-sonnet-5-5"]}' }));
      catalog.replaceWith(reloaded);
      expect((await sut.chat(body(), proxy())).result).toMatchObject({ provider: 'anthropic', model: 'claude-sonnet-5-5', usedFallback: true });
    });

    it('answers a repeated deterministic request from the cache of the same caller only', async () => {
      const openai = scriptedVendor('openai', ['una vez', 'otra clave']);
      const { sut, cacheHits } = build([openai.provider], 60);
      const deterministic = body({ temperature: 0 });
      await sut.chat(deterministic, proxy());
      await new Promise((resolve) => setImmediate(resolve));
      expect((await sut.chat(deterministic, proxy())).result).toMatchObject({ text: 'una vez', cached: true, costUsd: '0.000000000000' });
      expect(cacheHits).toHaveLength(1);
      expect((await sut.chat(deterministic, proxy({ caller: { apiKeyName: 'b' } }))).result).toMatchObject({ text: 'otra clave', cached: false });
      expect((await sut.chat(body({ temperature: 0, seed: 7 }), proxy())).result.cached).toBe(false);
    });
  });
});
