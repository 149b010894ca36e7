import { existsSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(__dirname, '..', 'dte-rules.bench.ts');

/**
 * Runs bench/dte-rules.bench.ts in-process when a colleague's file is there: its default export or first
 * exported function is called with `{ durationMs, quick }`; a string result is the report line, an object is
 * shown as JSON. Missing file or failure is reported, never fatal.
 */
export async function runDteRulesBench(durationMs: number, quick: boolean): Promise<{ line: string; data?: unknown } | undefined> {
  if (!existsSync(FILE)) return undefined;
  try {
    const mod = (await import(FILE)) as Record<string, unknown>;
    const fn = [mod.default, mod.run, mod.runDteRulesBench, ...Object.values(mod)].find((v): v is (o: unknown) => unknown => typeof v === 'function');
    if (!fn) return { line: 'bench/dte-rules.bench.ts exports no function: skipped' };
    const data = await fn({ durationMs, quick });
    if (typeof data === 'string') return { line: data };
    const line = data && typeof data === 'object' && typeof (data as { line?: unknown }).line === 'string' ? (data as { line: string }).line : JSON.stringify(data);
    return { line, data };
  } catch (error) {
    return { line: `failed: ${(error as Error).message.split('\n')[0]}` };
  }
}
