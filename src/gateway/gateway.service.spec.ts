import { EventEmitter2 } from '@nestjs/event-emitter';
import { loadConfig } from 'src/config';
import { MemoryKvStore, RedisHandle } from 'src/infra/redis';
import { ModelCatalog } from './catalog/model-catalog';
import { GatewayEvent } from './gateway.events';
import type { GatewayDeps } from './gateway-deps';
import { GatewayService } from './gateway.service';
import type { LlmRequest, LlmStreamEvent, ProviderId } from './llm.types';
import { OfflineProvider } from './providers/offline/offline.provider';
import { LlmProvider, ProviderError, ProviderStreamChunk } from './providers/provider';
import type { ProviderRegistry } from './providers/provider.registry';
import { SharedCircuitBreakers } from './resilience/circuit-breaker';
import { ProviderRateLimiter } from './resilience/provider-rate-limiter';
import { QuotaMonitor } from './usage/quota-monitor';

const USAGE = { input: 10, output: 2, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

/** A vendor whose streams follow a script: each call takes the next step (fail before the first chunk, or answer). */
function scriptedVendor(id: ProviderId, steps: ('fail' | string)[]) {
  const closed: number[] = [];
  let calls = 0;
  const provider: LlmProvider = {
    id,
    complete: async () => {
      const step = steps[calls++];
      if (step === 'fail') throw new ProviderError('server', 'upstream 503', id, 503);
      return { text: step, finishReason: 'stop', usage: USAGE };
    },
    stream: (): AsyncIterable<ProviderStreamChunk> => {
      const call = calls++;
      const step = steps[call];
      let sent = 0;
      return {
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            if (step === 'fail') throw new ProviderError('server', 'upstream 503', id, 503);
            sent += 1;
            if (sent === 1) return { done: false, value: { type: 'text', text: step } };
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
  const providers = { offline, get: (id: ProviderId) => byId.get(id), vendorIds: () => vendors.map((v) => v.id) } as unknown as ProviderRegistry;
  const windowMs = { minute: 60_000, day: 86_400_000 };
  const deps: GatewayDeps = {
    config, kv, events, providers,
    catalog: ModelCatalog.load(config),
    breakers: new SharedCircuitBreakers(kv, { failureThreshold: 5, openMs: 60_000 }),
    limiter: new ProviderRateLimiter(new RedisHandle(null, null), windowMs),
    quotas: new QuotaMonitor(kv, windowMs, () => undefined),
  };
  const fallbacks: unknown[] = [];
  const cacheHits: unknown[] = [];
  events.on(GatewayEvent.Fallback, (e) => fallbacks.push(e));
  events.on(GatewayEvent.ResponseCacheHit, (e) => cacheHits.push(e));
  return { sut: new GatewayService(deps), fallbacks, cacheHits };
}

const request: LlmRequest = { operation: 'test', model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hola' }], caller: { apiKeyName: 'test' } };

async function collect(events: AsyncIterable<LlmStreamEvent>): Promise<LlmStreamEvent[]> {
  const all: LlmStreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe(GatewayService.name, () => {
  describe('stream', () => {
    it('retries a failure before the first chunk on the same vendor, closing the failed stream', async () => {
      const openai = scriptedVendor('openai', ['fail', 'hola']);
      const { sut, fallbacks } = build([openai.provider]);
      const events = await collect(sut.stream(request));
      expect(events.map((e) => e.type)).toEqual(['start', 'text', 'done']);
      expect(events.at(-1)).toMatchObject({ result: { provider: 'openai', text: 'hola', attempts: 2, usedFallback: false } });
      expect(openai.closed).toContain(0);
      expect(fallbacks).toEqual([]);
    });

    it('falls back to the next vendor when the first one fails before any text', async () => {
      const openai = scriptedVendor('openai', ['fail', 'fail', 'fail', 'fail']);
      const anthropic = scriptedVendor('anthropic', ['desde anthropic']);
      const { sut, fallbacks } = build([openai.provider, anthropic.provider]);
      const events = await collect(sut.stream(request));
      expect(events.at(-1)).toMatchObject({ result: { provider: 'anthropic', text: 'desde anthropic', usedFallback: true } });
      expect(openai.closed).toEqual([0, 1, 2, 3]);
      expect(fallbacks).toEqual([expect.objectContaining({ from: 'openai', to: 'anthropic', reason: 'server' })]);
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

    it('answers a repeated deterministic request from the response cache and announces the hit (llm_cache_hits_total)', async () => {
      const openai = scriptedVendor('openai', ['una vez']);
      const { sut, cacheHits } = build([openai.provider], 60);
      const deterministic = { ...request, temperature: 0 };
      await sut.complete({ ...deterministic, requestId: 'first' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(await sut.complete({ ...deterministic, requestId: 'second' })).toMatchObject({ text: 'una vez', cached: true, costUsd: '0.000000000000' });
      expect(openai.calls()).toBe(1);
      expect(cacheHits).toEqual([{ requestId: 'second' }]);
    });
  });
});
