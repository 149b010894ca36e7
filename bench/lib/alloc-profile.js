/**
 * Preloaded into our service by `npm run bench -- --alloc-profile`: once the process has been busy (over half a core)
 * for 3 s in a row, samples every allocation for 3 s, collected objects included (HeapProfiler sampling through the
 * inspector), and writes what allocated most, by function and by the three innermost frames, to
 * bench/results/alloc-<pid>.txt. Allocation drives the scavenger's frequency: this is where GC time comes from.
 * Settings through the bench's `--env`: ALLOC_PROFILE_SECONDS (3), ALLOC_PROFILE_MIN_CORES (0.5: how busy counts as
 * under load; a fixed 500 req/s uses less), and ALLOC_PROFILE_SURVIVORS=1 to leave out what the scavenger collected,
 * so the profile holds what survived into the old generation: promotion, which sets how often mark-compacts (the
 * longest pauses) come. Sample long enough for a mark-compact to fall in the window (~15 s apart at 500 req/s).
 */
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const SAMPLE_MS = 1000 * Number(process.env.ALLOC_PROFILE_SECONDS || 3);
const MIN_CORES = Number(process.env.ALLOC_PROFILE_MIN_CORES || 0.5);
const SURVIVORS_ONLY = process.env.ALLOC_PROFILE_SURVIVORS === '1';
const session = new inspector.Session();
session.connect();
let busySeconds = 0;
let last = process.cpuUsage();
let started = false;

const { SourceMap } = require('node:module');
const { fileURLToPath } = require('node:url');

// Frames of a bundled script (npm start runs dist/main.bundle.js) are put back in their own files by its source map.
const sourceMaps = new Map();
function original({ url, lineNumber, columnNumber }) {
  if (!url.startsWith('file://') && !url.startsWith('/')) return { url, lineNumber };
  if (!sourceMaps.has(url)) {
    const script = url.startsWith('/') ? url : fileURLToPath(url);
    const map = fs.existsSync(`${script}.map`) ? new SourceMap(JSON.parse(fs.readFileSync(`${script}.map`, 'utf8'))) : undefined;
    sourceMaps.set(url, map && { map, dir: path.dirname(script) });
  }
  const bundle = sourceMaps.get(url);
  const entry = bundle?.map.findEntry(lineNumber, columnNumber);
  return entry?.originalSource ? { url: path.resolve(bundle.dir, entry.originalSource), lineNumber: entry.originalLine } : { url, lineNumber };
}

const frame = (node) => {
  const { url, lineNumber } = original(node.callFrame);
  return `${node.callFrame.functionName || '(anonymous)'} ${url.replace(/.*\/(dist|node_modules)\//, '')}:${lineNumber + 1}`;
};
const top = (totals, all) =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([name, bytes]) => `${(bytes / 1e6).toFixed(2).padStart(8)} MB ${((100 * bytes) / all).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n');

function report(profile) {
  const byFunction = new Map();
  const byStack = new Map();
  let all = 0;
  const walk = (node, stack) => {
    const frames = [...stack, frame(node)];
    if (node.selfSize) {
      all += node.selfSize;
      byFunction.set(frames.at(-1), (byFunction.get(frames.at(-1)) ?? 0) + node.selfSize);
      const key = frames.slice(-3).reverse().join(' < ');
      byStack.set(key, (byStack.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, frames);
  };
  walk(profile.head, []);
  const file = path.join(__dirname, '..', 'results', `alloc-${process.pid}.txt`);
  fs.writeFileSync(
    file,
    `${SURVIVORS_ONLY ? 'survived a scavenge' : 'allocated'} ${(all / 1e6).toFixed(1)} MB in ${SAMPLE_MS / 1000} s (sampled)\n\n== by function\n${top(byFunction, all)}\n\n== by the three innermost frames\n${top(byStack, all)}\n`,
  );
}

const timer = setInterval(() => {
  const now = process.cpuUsage();
  const cpuSeconds = (now.user + now.system - last.user - last.system) / 1e6;
  last = now;
  busySeconds = cpuSeconds > MIN_CORES ? busySeconds + 1 : 0;
  if (busySeconds < 3 || started) return;
  started = true;
  clearInterval(timer);
  session.post('HeapProfiler.enable', () =>
    session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: !SURVIVORS_ONLY }, () =>
      setTimeout(() => session.post('HeapProfiler.stopSampling', (error, result) => (error ? undefined : report(result.profile))), SAMPLE_MS),
    ),
  );
}, 1000);
timer.unref();
