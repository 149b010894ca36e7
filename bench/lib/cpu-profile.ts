/** The parts of a V8 .cpuprofile (node --cpu-prof) that self-time needs. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function (or one group), in milliseconds and as a share of all samples. */
export interface HotSpot {
  name: string;
  selfMs: number;
  share: number;
}

/** Where a frame lives: node internals, a package in node_modules, or a file of ours (relative to the repo). */
export function locate(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return url;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? `src/${url.slice(dist + 6)}` : url.replace(/^file:\/\//, '');
}

/** Sums self time per function and per location (package or file), largest first. */
export function hotSpots(profiles: CpuProfile[], top = 25): { functions: HotSpot[]; locations: HotSpot[]; totalMs: number } {
  const byFunction = new Map<string, number>();
  const byLocation = new Map<string, number>();
  let totalMs = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    for (let i = 0; i < profile.samples.length; i++) {
      const frame = nodes.get(profile.samples[i]);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!frame || ms <= 0) continue;
      totalMs += ms;
      const where = locate(frame.url);
      const fn = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      byLocation.set(where, (byLocation.get(where) ?? 0) + ms);
    }
  }
  const rank = (map: Map<string, number>): HotSpot[] =>
    [...map.entries()]
      .map(([name, selfMs]) => ({ name, selfMs, share: totalMs ? selfMs / totalMs : 0 }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
  return { functions: rank(byFunction), locations: rank(byLocation), totalMs };
}
