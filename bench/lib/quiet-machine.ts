import { readFileSync } from 'node:fs';

/** Clock ticks of all CPUs so far (the `cpu` line of /proc/stat), or undefined off Linux. */
export interface CpuTicks {
  idle: number;
  /** Time the hypervisor ran something else while this machine's CPUs had work (a virtual machine's "steal"). */
  steal: number;
  total: number;
}

/** Idle, stolen and total clock ticks of all CPUs so far (the `cpu` line of /proc/stat), or undefined off Linux. */
export function cpuTicks(stat = readStat()): CpuTicks | undefined {
  const line = stat?.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return undefined;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user and nice).
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = ticks;
  return { idle: idle + iowait, steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
}

function readStat(): string | undefined {
  try {
    return readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
}

/** Share of CPU time spent idle between two readings (1 when nothing elapsed). */
export function idleShare(before: { idle: number; total: number }, after: { idle: number; total: number }): number {
  const total = after.total - before.total;
  return total > 0 ? (after.idle - before.idle) / total : 1;
}

/**
 * Share of CPU time the hypervisor took between two readings (0 when nothing elapsed). On a shared virtual machine
 * this is what a slow spell is made of: every process here, the load generator included, runs late.
 */
export function stealShare(before: CpuTicks, after: CpuTicks): number {
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : 0;
}

/** The hypervisor's share of CPU time since `before` (a cpuTicks() reading), in %; undefined off Linux. */
export function stealPctSince(before: CpuTicks | undefined): number | undefined {
  const after = cpuTicks();
  return before && after ? 100 * stealShare(before, after) : undefined;
}

/**
 * Waits until the machine has been mostly idle for a second (the previous phase's processes done with their
 * collections, Postgres with its autovacuum after the phase's inserts), at most `maxMs`, so that a phase's
 * start-up is measured on a quiet machine. Returns how long it waited and the idle share of the last second.
 */
export async function waitForQuietMachine(options: { idleAtLeast: number; maxMs: number; windowMs?: number }): Promise<{ waitedMs: number; idle?: number }> {
  const started = performance.now();
  const windowMs = options.windowMs ?? 1000;
  let idle: number | undefined;
  for (;;) {
    const before = cpuTicks();
    if (!before) return { waitedMs: 0 };
    await new Promise((done) => setTimeout(done, windowMs));
    idle = idleShare(before, cpuTicks() ?? before);
    const waitedMs = performance.now() - started;
    if (idle >= options.idleAtLeast || waitedMs >= options.maxMs) return { waitedMs, idle };
  }
}
