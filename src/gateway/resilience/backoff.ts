import type { Abortable } from 'src/common/abort/abortable';

/** Exponential backoff with ±25 % jitter: base, 2·base, 4·base … capped. `random` is injectable for tests. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const nominal = Math.min(baseMs * 2 ** retry, maxMs);
  return Math.round(nominal * (0.75 + random() * 0.5));
}

/** The wait before a retry: the vendor's Retry-After when it gave one, otherwise backoff. */
export function retryDelay(retry: number, retryAfterMs: number | undefined, baseMs: number, maxMs: number, random?: () => number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, maxMs * 4);
  return backoffDelay(retry, baseMs, maxMs, random);
}

/** Sleeps, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: Abortable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
