/** Settings of one `npm run bench` invocation. */
export interface BenchArgs {
  durationS: number;
  warmupS: number;
  /**
   * Seconds each target first serves each body kind (JSON, streams) at full load when a phase starts, before any
   * scenario: a fresh process compiles its hot paths during its first ~2 s of load (not a per-request cost).
   */
  jitWarmupS: number;
  /** Fixed rates to measure, lowest first; the report names the highest that meets the latency targets. */
  rates: number[];
  connections: number;
  soak: boolean;
  soakMinutes: number;
  soakRate: number;
  soakSampleS: number;
  profile: boolean;
  /** Our child samples its allocations under load (lib/alloc-profile.js). */
  allocProfile: boolean;
  build: boolean;
  /** Only scenarios whose name contains this text. */
  only?: string;
  /** Extra environment of our service (`--env KEY=VALUE`, repeatable), to measure a setting. */
  env: Record<string, string>;
  /**
   * false (the default): autovacuum is off for the bench database's tables and the bench vacuums and analyses it
   * between scenarios; true (`--autovacuum`): Postgres vacuums on its own schedule, inside measured windows too.
   */
  autovacuum: boolean;
  /** Seconds our first service sits without traffic after ready before its idle RSS is read (0: read at ready). */
  idleS: number;
  /**
   * A window in which the hypervisor took more than `maxPct` % of the CPU time is measured again, up to `retries`
   * times, each after waiting up to `waitMs` for the host's steal to fall (`--max-steal`, `--steal-retries`; 0 retries: off).
   */
  steal: { maxPct: number; retries: number; waitMs: number };
}

const USAGE = `usage: npm run bench -- [--duration <s>=20] [--quick] [--warmup <s>=2] [--jit-warmup <s>=3] [--rate <req/s>[,<req/s>...]=500] [--connections <n>=50]
                        [--only <scenario text>] [--profile] [--alloc-profile] [--no-build] [--env KEY=VALUE]...
                        [--idle <s>=40] [--autovacuum] [--max-steal <%>=5] [--steal-retries <n>=2] [--steal-wait <s>=60]
                        [--soak [--soak-minutes <m>=10] [--soak-rate <req/s>=300] [--soak-sample <s>=30]]`;

/** Parses the command line; throws with the usage text on anything unknown or invalid. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = {
    durationS: 20,
    warmupS: 2,
    jitWarmupS: 3,
    rates: [500],
    connections: 50,
    soak: false,
    soakMinutes: 10,
    soakRate: 300,
    soakSampleS: 30,
    profile: false,
    allocProfile: false,
    build: true,
    env: {},
    idleS: 40,
    autovacuum: false,
    steal: { maxPct: 5, retries: 2, waitMs: 60_000 },
  };
  let quick = false;
  let durationGiven = false;
  let idleGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const number = (min: number): number => {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value < min) throw new Error(`${flag} needs a number >= ${min}\n${USAGE}`);
      return value;
    };
    switch (flag) {
      case '--duration':
        args.durationS = number(1);
        durationGiven = true;
        break;
      case '--quick':
        quick = true;
        break;
      case '--warmup':
        args.warmupS = number(0);
        break;
      case '--jit-warmup':
        args.jitWarmupS = number(0);
        break;
      case '--rate': {
        const rates = (argv[++i] ?? '').split(',').map(Number);
        if (rates.length === 0 || rates.some((rate) => !Number.isFinite(rate) || rate < 1)) throw new Error(`--rate needs one or more numbers >= 1, comma-separated\n${USAGE}`);
        args.rates = [...new Set(rates)].sort((a, b) => a - b);
        break;
      }
      case '--connections':
        args.connections = number(1);
        break;
      case '--only':
        args.only = argv[++i];
        if (!args.only) throw new Error(`--only needs a value\n${USAGE}`);
        break;
      case '--env': {
        const setting = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(argv[++i] ?? '');
        if (!setting) throw new Error(`--env needs KEY=VALUE\n${USAGE}`);
        args.env[setting[1]] = setting[2];
        break;
      }
      case '--idle':
        args.idleS = number(0);
        idleGiven = true;
        break;
      case '--autovacuum':
        args.autovacuum = true;
        break;
      case '--max-steal':
        args.steal.maxPct = number(0);
        break;
      case '--steal-retries':
        args.steal.retries = Math.floor(number(0));
        break;
      case '--steal-wait':
        args.steal.waitMs = number(0) * 1000;
        break;
      case '--alloc-profile':
        args.allocProfile = true;
        break;
      case '--profile':
        args.profile = true;
        break;
      case '--no-build':
        args.build = false;
        break;
      case '--soak':
        args.soak = true;
        break;
      case '--soak-minutes':
        args.soakMinutes = number(0.1);
        args.soak = true;
        break;
      case '--soak-rate':
        args.soakRate = number(1);
        break;
      case '--soak-sample':
        args.soakSampleS = number(1);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
  }
  if (quick) {
    if (!durationGiven) args.durationS = 3;
    args.warmupS = Math.min(args.warmupS, 1);
    args.jitWarmupS = Math.min(args.jitWarmupS, 1);
    if (!idleGiven) args.idleS = 0;
  }
  return args;
}
