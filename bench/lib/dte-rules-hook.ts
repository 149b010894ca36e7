import { existsSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(__dirname, '..', 'dte-rules.bench.ts');

/**
 * Runs bench/dte-rules.bench.ts in-process when it is there. The script measures on import and prints its line
 * (`BENCH_SECONDS` sets its duration); those printed lines are captured for the report. Should it ever export a
 * function instead, that is called with `{ durationMs, quick }` and its string (or `{ line }`) result is used.
 * A missing file or a failure is reported, never fatal.
 */
export async function runDteRulesBench(durationS: number, quick: boolean): Promise<{ line: string; data?: unknown } | undefined> {
  if (!existsSync(FILE)) return undefined;
  const printed: string[] = [];
  const original = console.log;
  const previousSeconds = process.env.BENCH_SECONDS;
  process.env.BENCH_SECONDS = String(Math.min(durationS, 3));
  console.log = (...parts: unknown[]) => void printed.push(parts.map(String).join(' '));
  try {
    const mod = (await import(FILE)) as Record<string, unknown>;
    const fn = [mod.default, mod.run, ...Object.values(mod)].find((v): v is (o: unknown) => unknown => typeof v === 'function');
    if (fn) {
      const data = await fn({ durationMs: durationS * 1000, quick });
      if (typeof data === 'string') return { line: data };
      const line = data && typeof data === 'object' && typeof (data as { line?: unknown }).line === 'string' ? (data as { line: string }).line : JSON.stringify(data);
      return { line, data };
    }
    return { line: printed.join(' | ') || 'bench/dte-rules.bench.ts printed nothing' };
  } catch (error) {
    return { line: `failed: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    console.log = original;
    if (previousSeconds === undefined) delete process.env.BENCH_SECONDS;
    else process.env.BENCH_SECONDS = previousSeconds;
  }
}
