import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './child';

/** The preload that counts a process's heap allocation between two SIGUSR2 (lib/heap-meter.js). */
export const HEAP_METER = join(__dirname, 'heap-meter.js');
const RESULTS = join(__dirname, '..', 'results');

/**
 * Bytes the V8 heap of `pid` (started with HEAP_METER preloaded) allocated per answered request while `work` ran;
 * undefined when the process did not report within two seconds.
 */
export async function heapPerRequest<T extends { ok: number }>(pid: number, work: () => Promise<T>): Promise<T & { heapBytesPerRequest?: number }> {
  const file = join(RESULTS, `heap-${pid}.json`);
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  await sleep(100);
  const result = await work();
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; !existsSync(file) && waited < 2_000; waited += 50) await sleep(50);
  if (!existsSync(file) || result.ok === 0) return { ...result, heapBytesPerRequest: undefined };
  const { allocatedBytes } = JSON.parse(readFileSync(file, 'utf8')) as { allocatedBytes: number };
  rmSync(file, { force: true });
  return { ...result, heapBytesPerRequest: allocatedBytes / result.ok };
}
