import { EventEmitter2 } from '@nestjs/event-emitter';
import { register } from 'prom-client';
import { loadConfig } from 'src/config';
import { llmResult } from 'test/factories/llm-result';
import type { LlmResult } from '../llm.types';
import { LlmMetricsListener } from './llm-metrics.listener';

/** One gpt-4o-mini answer: 100 input tokens, 5 of them cached, 20 output. */
const result = (over: Partial<LlmResult> = {}) =>
  llmResult({ provider: 'openai', model: 'gpt-4o-mini', usage: { input: 100, output: 20, cacheRead: 5, cacheWrite: 0, reasoning: 0 }, costUsd: '0.000030000000', ...over });

/** The value of one series in the Prometheus text a scrape returns. */
async function scraped(series: string): Promise<number | undefined> {
  const line = (await register.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('LlmMetricsListener', () => {
  const listener = new LlmMetricsListener(loadConfig({}), new EventEmitter2());

  it('shows every completed request in the request, token and cost counters at the next scrape, and keeps adding after it', async () => {
    listener.completed({ result: result(), operation: 'proxy.chat' });
    listener.completed({ result: result({ usage: { input: 50, output: 10, cacheRead: 0, cacheWrite: 0, reasoning: 3 } }), operation: 'proxy.chat' });
    listener.completed({ result: result(), operation: 'dte.validate' });

    expect(await scraped('llm_requests_total{provider="openai",model="gpt-4o-mini",operation="proxy.chat",status="success"}')).toBe(2);
    expect(await scraped('llm_requests_total{provider="openai",model="gpt-4o-mini",operation="dte.validate",status="success"}')).toBe(1);
    expect(await scraped('llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="input"}')).toBe(250);
    expect(await scraped('llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="cache_read"}')).toBe(10);
    expect(await scraped('llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="reasoning"}')).toBe(3);
    expect(await scraped('llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="cache_write"}')).toBeUndefined();
    expect(await scraped('llm_cost_usd_total{provider="openai",model="gpt-4o-mini",operation="proxy.chat"}')).toBeCloseTo(0.00006, 12);

    listener.completed({ result: result(), operation: 'proxy.chat' });
    listener.failed({ provider: 'openai', model: 'gpt-4o-mini', operation: 'proxy.chat' });
    expect(await scraped('llm_requests_total{provider="openai",model="gpt-4o-mini",operation="proxy.chat",status="success"}')).toBe(3);
    expect(await scraped('llm_requests_total{provider="openai",model="gpt-4o-mini",operation="proxy.chat",status="error"}')).toBe(1);
    expect(await scraped('llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="input"}')).toBe(350);
    // A scrape with nothing new in between changes nothing.
    expect(await scraped('llm_tokens_total{provider="openai",model="gpt-4o-mini",kind="input"}')).toBe(350);
  });

  it('counts fallbacks by why the first target could not answer, any other words as "other"', async () => {
    listener.fellBack({ requestId: 'r1', from: 'openai', to: 'anthropic', reason: 'context_window' });
    listener.fellBack({ requestId: 'r2', from: 'openai', to: 'anthropic', reason: 'breaker_open' });
    listener.fellBack({ requestId: 'r3', from: 'openai', to: 'anthropic', reason: 'context_window' });
    listener.fellBack({ requestId: 'r4', from: 'openai', to: 'gemini', reason: 'temperature: Anthropic takes 0 to 1' });
    expect(await scraped('llm_fallbacks_total{from="openai",to="anthropic",reason="context_window"}')).toBe(2);
    expect(await scraped('llm_fallbacks_total{from="openai",to="anthropic",reason="breaker_open"}')).toBe(1);
    expect(await scraped('llm_fallbacks_total{from="openai",to="gemini",reason="other"}')).toBe(1);
  });

  it('counts a response-cache answer under provider "cache"', async () => {
    listener.completed({ result: result({ cached: true }), operation: 'proxy.chat' });
    expect(await scraped('llm_requests_total{provider="cache",model="gpt-4o-mini",operation="proxy.chat",status="success"}')).toBe(1);
  });
});
