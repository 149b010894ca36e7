import { readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (CLK_TCK, 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** User + system CPU in ms from the text of a /proc `stat` file. */
export function statCpuMs(stat: string): number {
  // Fields after the command name (which may hold spaces) in parentheses: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * User + system CPU a process has used so far, in ms (undefined when it is gone or not on Linux). With `mainThread`,
 * only its main thread's: the rest is V8's helpers (the optimizing compiler, the GC's parallel and concurrent work).
 */
export function cpuMs(pid: number, mainThread = false): number | undefined {
  try {
    return statCpuMs(readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export interface CpuPerRequest {
  cpuUsPerRequest?: number;
  /** The main thread's part of cpuUsPerRequest: JavaScript, the event loop, the GC's pauses. */
  mainThreadCpuUsPerRequest?: number;
}

/** CPU µs per request of `pid` while `work` runs (which resolves to the number of requests it completed). */
export async function cpuPerRequest<T extends { ok: number }>(pid: number, work: () => Promise<T>): Promise<T & CpuPerRequest> {
  const before = cpuMs(pid);
  const mainBefore = cpuMs(pid, true);
  const result = await work();
  // The process's window holds the main thread's, so its CPU can only be the larger (but for /proc's rounding to ticks).
  const mainAfter = cpuMs(pid, true);
  const after = cpuMs(pid);
  const perRequest = (from?: number, to?: number) => (from === undefined || to === undefined || result.ok === 0 ? undefined : ((to - from) * 1000) / result.ok);
  return { ...result, cpuUsPerRequest: perRequest(before, after), mainThreadCpuUsPerRequest: perRequest(mainBefore, mainAfter) };
}
