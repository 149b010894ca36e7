import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { components, CpuProfile, HotSpot, hotSpots, unbundle } from './lib/cpu-profile';

const RESULTS = resolve(__dirname, 'results');

/**
 * `npx ts-node bench/hotspots.ts [file.cpuprofile ...] [--top N] [--requests N]`: self time per component, per
 * function and per package/file of our service's CPU profiles (by default the newest run's profiles in
 * bench/results, from `npm run bench -- --profile`; the floor forwarder's of that run are in bench/results/floor). With
 * `--requests` (what the profiled process served; the
 * bench prints it), the component table is in µs per request, start-up's module loading left out.
 */
function main(): void {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv.splice(at, 2)[1]) : undefined;
  };
  const top = option('--top') ?? 25;
  const requests = option('--requests');
  const files = argv.length ? argv : newestProfiles();
  if (!files.length) throw new Error(`no .cpuprofile in ${RESULTS}: run npm run bench -- --profile first`);
  const readMap = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  const profiles = files.map((f) => unbundle(JSON.parse(readFileSync(f, 'utf8')) as CpuProfile, readMap));
  const { functions, locations, totalMs } = hotSpots(profiles, top);
  const print = (title: string, rows: HotSpot[]) => {
    process.stdout.write(`\n${title}\n`);
    for (const r of rows) process.stdout.write(`${r.selfMs.toFixed(0).padStart(8)} ms ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name}\n`);
  };
  process.stdout.write(`${files.length} profile(s), ${(totalMs / 1000).toFixed(1)} s of samples: ${files.join(', ')}\n`);
  const parts = components(profiles);
  process.stdout.write(`\nself time by component (busy ${(parts.busyMs / 1000).toFixed(1)} s${requests ? `, ${requests} requests` : ''})\n`);
  process.stdout.write(`| component | ms | share of busy |${requests ? ' µs/request |' : ''}\n|---|---|---|${requests ? '---|' : ''}\n`);
  for (const row of parts.rows) {
    const perRequest = requests && row.name !== 'module loading (start-up)' ? ` ${((row.selfMs * 1000) / requests).toFixed(0)} |` : requests ? ' - |' : '';
    process.stdout.write(`| ${row.name} | ${row.selfMs.toFixed(0)} | ${(row.share * 100).toFixed(1)} % |${perRequest}\n`);
  }
  print('self time by package / file', locations);
  print('self time by function', functions);
}

/** Profiles written within 15 minutes of the newest one (a bench run leaves one per service start; the floor's are in results/floor). */
function newestProfiles(): string[] {
  const all = readdirSync(RESULTS)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ path: join(RESULTS, f), at: statSync(join(RESULTS, f)).mtimeMs }));
  const newest = Math.max(...all.map((f) => f.at));
  return all.filter((f) => newest - f.at < 15 * 60_000).map((f) => f.path);
}

main();
