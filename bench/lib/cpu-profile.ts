import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The parts of a V8 .cpuprofile (node --cpu-prof) that self-time needs. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; hitCount?: number }>;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Puts frames of a bundled script (`npm start` runs dist/main.bundle.js) back in the files they came from, through
 * the source map beside the script (`readMap(path)` returns its JSON, or undefined when there is none), so packages
 * and our modules are told apart as they are in an unbundled profile.
 */
export function unbundle(profile: CpuProfile, readMap: (mapPath: string) => string | undefined): CpuProfile {
  const maps = new Map<string, { map: SourceMap; dir: string } | undefined>();
  const mapFor = (url: string) => {
    if (!maps.has(url)) {
      const script = fileURLToPath(url);
      const json = readMap(`${script}.map`);
      maps.set(url, json ? { map: new SourceMap(JSON.parse(json)), dir: dirname(script) } : undefined);
    }
    return maps.get(url);
  };
  const nodes = profile.nodes.map((node) => {
    const { url, lineNumber, columnNumber } = node.callFrame;
    const bundle = url.startsWith('file://') && columnNumber !== undefined ? mapFor(url) : undefined;
    const entry = bundle?.map.findEntry(lineNumber, columnNumber!);
    if (!bundle || !entry || !('originalSource' in entry)) return node;
    const original = pathToFileURL(resolve(bundle.dir, entry.originalSource)).href;
    return { ...node, callFrame: { ...node.callFrame, url: original, lineNumber: entry.originalLine, columnNumber: entry.originalColumn } };
  });
  return { ...profile, nodes };
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

const SOCKET_WRITES = new Set(['writev', 'writeUtf8String', 'writeBuffer', 'writeLatin1String', 'writeAsciiString']);
const MODULE_LOADING = new Set(['wrapSafe', 'readFileUtf8', 'internalModuleStat', 'lstat', 'compileFunction']);

/** The component of issue #15's table a frame's self time belongs to; undefined for idle time. */
export function component(functionName: string, where: string): string | undefined {
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'GC';
  if (SOCKET_WRITES.has(functionName)) return 'socket writes (syscalls, loopback delivery included)';
  if (MODULE_LOADING.has(functionName) || where.startsWith('node:internal/modules')) return 'module loading (start-up)';
  if (where === 'undici') return 'undici upstream call';
  if (where === 'ioredis' || where === 'redis-errors' || where === 'standard-as-callback' || where.startsWith('src/infra/redis')) return 'Redis (client, leases)';
  if (/^(@nestjs\/|reflect-metadata|rxjs)/.test(where) || /^src\/common\/(auth|throttling)\//.test(where)) return 'Nest pipeline (guards, throttler, routing)';
  if (/^(pg|pg-.*|postgres-.*)$/.test(where) || /^src\/gateway\/usage\/usage-(writer|insert)/.test(where)) return 'usage rows (pg)';
  if (/^(pino|@pinojs\/.*|sonic-boom|pino-.*)$/.test(where) || where.startsWith('src/common/logging')) return 'request log (pino)';
  if (where === 'prom-client' || /metrics/.test(where)) return 'metrics (prom-client)';
  if (/^(fastify|find-my-way|secure-json-parse|@fastify\/.*|avvio|light-my-request)$/.test(where) || /^node:(_http|net|events|internal\/(streams|stream_base_commons|http))/.test(where)) {
    return 'Fastify + Node HTTP and streams';
  }
  if (/^node:internal\/(abort_controller|event_target)/.test(where)) return 'AbortSignal / EventTarget';
  if (/^node:internal\/(process\/task_queues|timers)|^node:timers/.test(where) || functionName === 'runMicrotasks') return 'promises, ticks, timers';
  if (where.startsWith('src/')) return 'gateway and door logic (ours)';
  return 'other (V8, Node internals)';
}

type Frame = CpuProfile['nodes'][number]['callFrame'];

/** Calls `visit` with each sample's frame and its self time in ms (samples without a frame or time left out). */
function eachSample(profiles: CpuProfile[], visit: (frame: Frame, ms: number) => void): void {
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    for (let i = 0; i < profile.samples.length; i++) {
      const frame = nodes.get(profile.samples[i]);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (frame && ms > 0) visit(frame, ms);
    }
  }
}

/** Self time per component (see `component`), idle excluded, largest first; shares are of the busy time. */
export function components(profiles: CpuProfile[]): { rows: HotSpot[]; busyMs: number } {
  const byComponent = new Map<string, number>();
  let busyMs = 0;
  eachSample(profiles, (frame, ms) => {
    const name = component(frame.functionName, locate(frame.url));
    if (!name) return;
    busyMs += ms;
    byComponent.set(name, (byComponent.get(name) ?? 0) + ms);
  });
  const rows = [...byComponent.entries()].map(([name, selfMs]) => ({ name, selfMs, share: busyMs ? selfMs / busyMs : 0 })).sort((a, b) => b.selfMs - a.selfMs);
  return { rows, busyMs };
}

/** Sums self time per function and per location (package or file), largest first. */
export function hotSpots(profiles: CpuProfile[], top = 25): { functions: HotSpot[]; locations: HotSpot[]; totalMs: number } {
  const byFunction = new Map<string, number>();
  const byLocation = new Map<string, number>();
  let totalMs = 0;
  eachSample(profiles, (frame, ms) => {
    totalMs += ms;
    const where = locate(frame.url);
    const fn = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    byLocation.set(where, (byLocation.get(where) ?? 0) + ms);
  });
  const rank = (map: Map<string, number>): HotSpot[] =>
    [...map.entries()]
      .map(([name, selfMs]) => ({ name, selfMs, share: totalMs ? selfMs / totalMs : 0 }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
  return { functions: rank(byFunction), locations: rank(byLocation), totalMs };
}
