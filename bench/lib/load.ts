import { LatencySummary, SampleBuffer, summarise } from './latency-stats';
import { runPacedLoad } from './paced-load';

// autocannon ships no type declarations; this is the part of its API the bench uses.
interface AutocannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  stop(): void;
}
type Autocannon = (opts: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/** One load run: where, what, and its shape (fixed total rate, or as fast as `connections` allow). */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationS: number;
  /** Total requests per second across all connections; omitted = maximum throughput. */
  overallRate?: number;
  timeoutS?: number;
}

/** What a load run measured; latency covers 2xx answers only. */
export interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  rps: number;
  latency: LatencySummary;
}

/** A fixed rate runs open-loop (paced-load.ts); otherwise autocannon, recording every 2xx latency with sub-millisecond precision. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  if (spec.overallRate) return runPacedLoad({ ...spec, overallRate: spec.overallRate });
  const samples = new SampleBuffer();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        body: spec.body,
        connections: spec.connections,
        duration: spec.durationS,
        overallRate: spec.overallRate,
        timeout: spec.timeoutS ?? 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const latency = summarise(samples.values());
        resolve({
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          durationS: result.duration,
          rps: result.duration > 0 ? result['2xx'] / result.duration : 0,
          latency,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
    });
  });
}
