import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, Child, freePort, startChild, waitForHttp } from './child';

export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';
export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

/** Limits high enough that the limiter is exercised on every request but never throttles a run. */
export const UNTHROTTLED_LIMITS = JSON.stringify({ openai: { rpm: 10_000_000, tpm: 10_000_000_000, rpd: 100_000_000 } });

export interface ServiceOptions {
  databaseUrl: string;
  redisUrl: string;
  emulatorUrl: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** Folder for a V8 CPU profile written when the child exits (node --cpu-prof). */
  cpuProfileDir?: string;
  /** Scripts loaded with -r before the app. */
  preload?: string[];
  /** Checkout whose dist/ runs (default: this one); the A/B tool points it at a baseline build. */
  cwd?: string;
}

/** Our gateway as a separate process: what `npm start` runs (the bundled dist/) on real Postgres and Redis. */
export class ServiceChild {
  private constructor(
    readonly url: string,
    readonly child: Child,
    /** Spawn to the first 200 of /health/ready (database reached, migrations applied). */
    readonly startupMs: number,
  ) {}

  static async start(options: ServiceOptions): Promise<ServiceChild> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...baseEnv(),
      ...startEnvironment(options.cwd),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      REDIS_KEY_PREFIX: `bench:${process.pid}:${port}:`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-bench-data-')),
      API_KEY: BENCH_API_KEY,
      ADMIN_API_KEY: BENCH_ADMIN_KEY,
      OPENAI_API_KEY: 'x',
      OPENAI_BASE_URL: `${options.emulatorUrl}/v1`,
      PROVIDER_LIMITS: UNTHROTTLED_LIMITS,
      THROTTLE_LLM_PROXY_PER_MIN: '100000000',
      THROTTLE_DEFAULT_PER_MIN: '100000000',
      LOG_LEVEL: 'info',
      SII_MONITOR_ENABLED: 'false',
      PAYROLL_FETCH_ENABLED: 'false',
      ...options.env,
    };
    // npm start's heap flags, through NODE_OPTIONS so that an --env/--this-env NODE_OPTIONS given later overrides them.
    const nodeOptions = [...startMemoryFlags(options.cwd), options.env?.NODE_OPTIONS ?? ''].join(' ').trim();
    if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
    const args = ['-r', './scripts/register-paths.js', ...(options.preload ?? []).flatMap((file) => ['-r', file])];
    if (options.cpuProfileDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`);
    const started = performance.now();
    const child = startChild('our service', process.execPath, [...args, startEntry(options.cwd)], env, options.cwd);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health/ready`, child, 90_000, (status) => status === 200, 25);
    return new ServiceChild(url, child, Math.round(performance.now() - started));
  }

  /** Bearer header for the bench API key. */
  static auth(key = BENCH_API_KEY): Record<string, string> {
    return { authorization: `Bearer ${key}` };
  }

  stop(): Promise<void> {
    return this.child.stop(20_000);
  }
}

/** The V8 heap flags of `npm start` in that checkout's package.json, so the bench measures the documented start. */
export function startMemoryFlags(cwd = process.cwd()): string[] {
  return startWords(cwd).filter((arg) => /^--max-(old|semi)-space-size=\d+$/.test(arg));
}

/** The variables `npm start` sets before `node` in that checkout's package.json (glibc's malloc settings). */
export function startEnvironment(cwd = process.cwd()): Record<string, string> {
  const env: Record<string, string> = {};
  for (const word of startWords(cwd)) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(word);
    if (!assignment) break;
    env[assignment[1]] = assignment[2];
  }
  return env;
}

/** The script `npm start` runs in that checkout (dist/main.bundle.js since session 14; dist/main.js in older ones). */
export function startEntry(cwd = process.cwd()): string {
  const entry = scriptOfStart(cwd);
  return entry && existsSync(join(cwd, entry)) ? entry : 'dist/main.js';
}

/** The last `.js` argument of `npm start`. */
function scriptOfStart(cwd: string): string | undefined {
  return startWords(cwd).findLast((arg) => arg.endsWith('.js'));
}

/** The words of that checkout's `npm start` script. */
function startWords(cwd: string): string[] {
  const script = (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: { start?: string } }).scripts?.start ?? '';
  return script.split(/\s+/);
}

/** Runs `npm run build` when a file under src/ is newer than what `npm start` runs; keeps the old dist if the build fails. */
export function ensureFreshBuild(log: (line: string) => void): void {
  const main = scriptOfStart(process.cwd()) ?? 'dist/main.js';
  const builtAt = existsSync(main) ? statSync(main).mtimeMs : 0;
  if (builtAt > 0 && newestMtime('src') <= builtAt) return;
  log(builtAt ? 'dist/ is older than src/: running npm run build' : 'no dist/: running npm run build');
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const out = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`.trim().split('\n').slice(0, 15).join('\n');
    if (!builtAt) throw new Error(`npm run build failed and there is no dist/ to fall back on:\n${out}`);
    log(`WARNING: npm run build failed; benchmarking the previous dist/ (built ${new Date(builtAt).toISOString()}):\n${out}`);
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
