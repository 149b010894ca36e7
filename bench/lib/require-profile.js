// Preload (`node -r ./bench/lib/require-profile.js ...`): time and heap growth of module loading per package
// (self: a package's own files, not what they load from other packages). Written on exit to
// REQUIRE_PROFILE_OUT, or stderr. Heap deltas are rough: a GC during a load makes them negative.
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const original = Module._load;
const stats = new Map();
const stack = [];

function packageOf(file) {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return 'app:' + (/\/(?:dist|src)\/([^/]+)/.exec(file)?.[1] ?? file);
  const [scope, name] = file.slice(at + 'node_modules/'.length).split('/');
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

Module._load = function load(request, parent, isMain) {
  let file;
  try {
    file = Module._resolveFilename(request, parent, isMain);
  } catch {
    return original.apply(this, arguments);
  }
  if (Module._cache[file] || !file.includes('/')) return original.apply(this, arguments);
  const frame = { child: 0, childHeap: 0 };
  stack.push(frame);
  const started = performance.now();
  const heap = process.memoryUsage().heapUsed;
  try {
    return original.apply(this, arguments);
  } finally {
    const ms = performance.now() - started;
    const bytes = process.memoryUsage().heapUsed - heap;
    stack.pop();
    const s = stats.get(packageOf(file)) ?? { ms: 0, bytes: 0, files: 0 };
    s.ms += ms - frame.child;
    s.bytes += bytes - frame.childHeap;
    s.files += 1;
    stats.set(packageOf(file), s);
    const outer = stack.at(-1);
    if (outer) {
      outer.child += ms;
      outer.childHeap += bytes;
    }
  }
};

process.on('exit', () => {
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const sum = (key) => rows.reduce((total, [, s]) => total + s[key], 0);
  const lines = [`module loading: ${sum('ms').toFixed(0)} ms, heap +${(sum('bytes') / 1e6).toFixed(1)} MB, ${sum('files')} files`];
  for (const [name, s] of rows) lines.push(`${s.ms.toFixed(1).padStart(8)} ms ${(s.bytes / 1e6).toFixed(2).padStart(7)} MB ${String(s.files).padStart(5)}  ${name}`);
  const text = lines.join('\n') + '\n';
  if (process.env.REQUIRE_PROFILE_OUT) writeFileSync(process.env.REQUIRE_PROFILE_OUT, text);
  else process.stderr.write(text);
});
