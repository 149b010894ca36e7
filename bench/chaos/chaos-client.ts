import { BENCH_MODEL } from '../lib/scenarios';

/** How one client request ended. `hung` = no complete answer within the client's deadline. */
export type Outcome = 'ok' | 'interrupted' | 'rejected' | 'server_error' | 'broken' | 'hung' | 'network_error';

/** One request as the client saw it. */
export interface Sent {
  requestId: string;
  stream: boolean;
  status: number;
  outcome: Outcome;
  provider?: string;
  ms: number;
}

/** Sends one chat completion to our gateway and classifies the answer; never throws. */
export async function sendChat(baseUrl: string, apiKey: string, requestId: string, stream: boolean, deadlineMs: number): Promise<Sent> {
  const started = performance.now();
  const done = (status: number, outcome: Outcome, provider?: string): Sent => ({ requestId, stream, status, outcome, provider, ms: Math.round(performance.now() - started) });
  try {
    const res = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, 'x-request-id': requestId },
      body: JSON.stringify({ model: BENCH_MODEL, messages: [{ role: 'user', content: `Pregunta ${requestId}: ¿cuándo vence el CAF de la factura?` }], max_tokens: 64, stream }),
      signal: AbortSignal.timeout(deadlineMs),
    });
    const text = await res.text();
    if (res.status >= 500) return done(res.status, 'server_error');
    if (res.status >= 400) return done(res.status, 'rejected');
    const provider = res.headers.get('x-gateway-provider') ?? /"provider":"([^"]+)"/.exec(text)?.[1];
    if (!stream) return done(res.status, provider ? 'ok' : 'broken', provider);
    if (text.includes('data: [DONE]')) return done(res.status, 'ok', provider);
    return done(res.status, text.includes('stream_interrupted') ? 'interrupted' : 'broken');
  } catch (error) {
    const name = (error as Error).name;
    return done(0, name === 'TimeoutError' || name === 'AbortError' ? 'hung' : 'network_error');
  }
}

/** Runs `count` calls of `work` with at most `concurrency` in flight. */
export async function inParallel<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

/** Keeps `concurrency` requests in flight for `durationMs`, calling `work` for each; returns everything sent. */
export async function steadyLoad<T>(durationMs: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const until = Date.now() + durationMs;
  const results: T[] = [];
  let next = 0;
  const lane = async () => {
    while (Date.now() < until) results.push(await work(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

/** Counts outcomes by name. */
export function tally(sent: Sent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sent) counts[s.outcome] = (counts[s.outcome] ?? 0) + 1;
  return counts;
}
