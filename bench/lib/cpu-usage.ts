import { readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (CLK_TCK, 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** User + system CPU a process has used so far, in ms (undefined when it is gone or not on Linux). */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU µs per request of `pid` while `work` runs (which resolves to the number of requests it completed). */
export async function cpuPerRequest<T extends { ok: number }>(pid: number, work: () => Promise<T>): Promise<T & { cpuUsPerRequest?: number }> {
  const before = cpuMs(pid);
  const result = await work();
  const after = cpuMs(pid);
  const cpuUsPerRequest = before === undefined || after === undefined || result.ok === 0 ? undefined : ((after - before) * 1000) / result.ok;
  return { ...result, cpuUsPerRequest };
}
