import { CounterLeases, defineScript, LEASE_SHARE_OF_ROOM, type RedisHandle, type RedisScript } from 'src/infra/redis';
import type { ProviderLimits } from '../catalog/model-catalog';

export type LimitWindow = 'rpm' | 'tpm' | 'rpd';

export interface LimitCheck {
  allowed: boolean;
  /** Usage in each window after this request (when allowed) or as it stands (when refused). */
  used: Record<LimitWindow, number>;
  /** When refused: ms until the blocking window resets. */
  retryInMs: number;
  blockedBy?: LimitWindow;
  /** The clock reading whose windows were charged: give it to correctTokens so the correction lands in the same window. */
  chargedAt: number;
}

/**
 * Checks all three windows and, only if every one has room, charges them, in one atomic step; then charges each
 * window's lease (what the replica asked for beyond this request, capped at a share of the room left).
 * KEYS: rpm, tpm, rpd counters. ARGV: tokens, rpmLimit, tpmLimit, rpdLimit, minuteTtl, dayTtl, the three leases
 * wanted, the share of the room a lease may take, what the replica still held of each (returned first; negative: a debt of
 * token corrections, charged first), and 1 for a top-up. Returns allowed, the three counts with this request (without
 * leases), the blocking window's PTTL, which window blocked, the three leases granted.
 * A top-up charges no request, only leases, and only in windows that already have a count (INCRBY on a missing key
 * would make one that never expires); it returns the counts as they stood, -1 for a window without one.
 */
const ACQUIRE = `
if ARGV[14] == '1' then
  local counts = {-1, -1, -1}
  local granted = {0, 0, 0}
  for i = 1, 3 do
    local count = redis.call('GET', KEYS[i])
    if count then
      counts[i] = tonumber(count)
      local extra = math.min(tonumber(ARGV[i + 6]), math.floor((tonumber(ARGV[i + 1]) - counts[i]) * tonumber(ARGV[10])))
      if extra > 0 then
        redis.call('INCRBY', KEYS[i], extra)
        granted[i] = extra
      end
    end
  end
  return {1, counts[1], counts[2], counts[3], 0, 0, granted[1], granted[2], granted[3]}
end
for i = 1, 3 do
  local held = tonumber(ARGV[i + 10])
  if held ~= 0 and redis.call('EXISTS', KEYS[i]) == 1 then redis.call('DECRBY', KEYS[i], held) end
end
local rpm = tonumber(redis.call('GET', KEYS[1]) or '0')
local tpm = tonumber(redis.call('GET', KEYS[2]) or '0')
local rpd = tonumber(redis.call('GET', KEYS[3]) or '0')
local tokens = tonumber(ARGV[1])
if rpm + 1 > tonumber(ARGV[2]) then return {0, rpm, tpm, rpd, redis.call('PTTL', KEYS[1]), 1} end
if tpm > 0 and tpm + tokens > tonumber(ARGV[3]) then return {0, rpm, tpm, rpd, redis.call('PTTL', KEYS[2]), 2} end
if rpd + 1 > tonumber(ARGV[4]) then return {0, rpm, tpm, rpd, redis.call('PTTL', KEYS[3]), 3} end
rpm = redis.call('INCR', KEYS[1])
if rpm == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
tpm = redis.call('INCRBY', KEYS[2], tokens)
if tpm == tokens then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
rpd = redis.call('INCR', KEYS[3])
if rpd == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[6]) end
local counts = {rpm, tpm, rpd}
local granted = {0, 0, 0}
for i = 1, 3 do
  local room = math.floor((tonumber(ARGV[i + 1]) - counts[i]) * tonumber(ARGV[10]))
  local extra = math.min(tonumber(ARGV[i + 6]), room)
  if extra > 0 then
    redis.call('INCRBY', KEYS[i], extra)
    granted[i] = extra
  end
end
return {1, rpm, tpm, rpd, 0, 0, granted[1], granted[2], granted[3]}`;

/** Adjusts a TPM counter only while its window still exists (INCRBY keeps the TTL; a new key would never expire). */
const CORRECT = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end return 0`;

const WINDOWS: LimitWindow[] = ['rpm', 'tpm', 'rpd'];

interface Counter {
  value: number;
  expiresAt: number;
}

/**
 * Per-provider RPM / TPM / RPD limits. Counters live in Redis so every replica shares one limit (never
 * limit × replicas); while Redis is unreachable each replica counts in memory (degraded, per instance).
 * Fixed windows aligned to the window length; a request larger than a whole TPM window still passes alone.
 * With `leases`, a replica charges a little ahead (see CounterLeases) and admits most requests with no Redis round
 * trip; the shared counts still never pass a limit.
 */
interface CounterNames {
  /** The lease series of each window: `<provider>:rpm`, `:tpm`, `:rpd`. */
  series: string[];
  minute: number;
  day: number;
  keys: readonly [string, string, string];
}

export class ProviderRateLimiter {
  private readonly memory = new Map<string, Counter>();
  private readonly names = new Map<string, CounterNames>();
  private readonly acquireScript?: RedisScript;
  private readonly correctScript?: RedisScript;

  constructor(
    private readonly redis: RedisHandle,
    private readonly windowMs: { minute: number; day: number },
    private readonly now: () => number = Date.now,
    private readonly leases?: CounterLeases,
  ) {
    if (redis.client) {
      this.acquireScript = defineScript(redis.client, 'rateLimitAcquire', ACQUIRE, 3);
      this.correctScript = defineScript(redis.client, 'rateLimitCorrect', CORRECT, 1);
    }
  }

  /** The counters' Redis keys for the windows holding `t`, built once per provider and window (not on every request). */
  private keys(provider: string, t = this.now()): readonly [string, string, string] {
    const minute = Math.floor(t / this.windowMs.minute);
    const day = Math.floor(t / this.windowMs.day);
    const names = this.namesOf(provider);
    if (names.minute !== minute || names.day !== day) {
      names.keys = [`rl:${provider}:rpm:${minute}`, `rl:${provider}:tpm:${minute}`, `rl:${provider}:rpd:${day}`];
      names.minute = minute;
      names.day = day;
    }
    return names.keys;
  }

  private namesOf(provider: string): CounterNames {
    let names = this.names.get(provider);
    if (!names) {
      names = { series: WINDOWS.map((window) => `${provider}:${window}`), minute: NaN, day: NaN, keys: ['', '', ''] };
      this.names.set(provider, names);
    }
    return names;
  }

  /**
   * The request charged at once from this replica's leases (the common case with Redis); undefined when that cannot
   * be. A lease left low is topped up in the background, so the next requests find it full.
   */
  tryAcquireNow(provider: string, tokens: number, limits: ProviderLimits): LimitCheck | undefined {
    if (!this.acquireScript || !this.leases || this.redis.mode() !== 'redis') return undefined;
    const chargedAt = this.now();
    const amounts = [1, tokens, 1];
    const keys = this.keys(provider, chargedAt);
    const leased = this.leases.take(keys, amounts);
    if (!leased) return undefined;
    const { series } = this.namesOf(provider);
    if (this.leases.runLow(series, keys)) this.topUp(this.acquireScript, this.leases, series, keys, amounts, limits, chargedAt);
    else for (let i = 0; i < 3; i++) this.leases.noteUse(series[i], amounts[i]);
    return { allowed: true, used: { rpm: leased[0], tpm: leased[1], rpd: leased[2] }, retryInMs: 0, chargedAt };
  }

  /**
   * Charges the next leases of `keys` (sized as for a request of `amounts`, already served) without charging a
   * request; their grants or refusals settle requests waiting on them.
   */
  private topUp(script: RedisScript, leases: CounterLeases, series: readonly string[], keys: readonly string[], amounts: number[], limits: ProviderLimits, chargedAt: number): void {
    const wanted = series.map((name, i) => leases.wanted(name, amounts[i]));
    const ends = this.windowEnds(chargedAt);
    script(...keys, 0, limits.rpm, limits.tpm, limits.rpd, this.windowMs.minute, this.windowMs.day, ...wanted, LEASE_SHARE_OF_ROOM, 0, 0, 0, 1)
      .then((result) => {
        const answer = (result as number[]).map(Number);
        // A window's count (even with no room for a lease: its grant of 0 stops further top-ups) updates its lease; a window gone does not.
        series.forEach((name, i) => (answer[1 + i] >= 0 ? leases.granted(name, keys[i], answer[6 + i], answer[1 + i] + answer[6 + i], ends[i]) : leases.refused(name)));
      })
      .catch(() => series.forEach((name) => leases.refused(name)));
  }

  /** From the leases when they cover the request; else one script run (EVALSHA) checks and charges all three windows. */
  async tryAcquire(provider: string, tokens: number, limits: ProviderLimits): Promise<LimitCheck> {
    const now = this.tryAcquireNow(provider, tokens, limits);
    if (now) return now;
    const chargedAt = this.now();
    const keys = this.keys(provider, chargedAt);
    if (this.acquireScript && this.redis.mode() === 'redis') {
      const amounts = [1, tokens, 1];
      const series = this.namesOf(provider).series;
      let leased: number[] | undefined;
      for (let asking = this.leases?.inFlight(series); asking; asking = leased ? undefined : this.leases?.inFlight(series)) {
        await asking;
        leased = this.leases?.take(keys, amounts);
      }
      if (leased) {
        series.forEach((name, i) => this.leases?.noteUse(name, amounts[i]));
        return { allowed: true, used: { rpm: leased[0], tpm: leased[1], rpd: leased[2] }, retryInMs: 0, chargedAt };
      }
      const wanted = series.map((name, i) => this.leases?.wanted(name, amounts[i]) ?? 0);
      const held = this.leases?.surrender(keys) ?? [0, 0, 0];
      try {
        const result = (await this.acquireScript(...keys, tokens, limits.rpm, limits.tpm, limits.rpd, this.windowMs.minute, this.windowMs.day, ...wanted, LEASE_SHARE_OF_ROOM, ...held)) as number[];
        const check = this.fromScript(result, chargedAt);
        if (check.allowed) this.keepLeases(provider, keys, result.slice(6).map(Number), check, chargedAt);
        else series.forEach((name) => this.leases?.refused(name));
        return this.untilWindowEnd(check);
      } catch {
        series.forEach((name) => this.leases?.refused(name));
        // fall through to per-instance counting
      }
    }
    return this.untilWindowEnd(this.acquireInMemory(keys, tokens, limits, chargedAt));
  }

  /**
   * Counters expire a window length after their first request, but windows are aligned to the clock: room
   * comes back when the window ends, which is sooner when the window's first request came late in it.
   */
  private untilWindowEnd(check: LimitCheck): LimitCheck {
    if (check.allowed || !check.blockedBy) return check;
    const length = check.blockedBy === 'rpd' ? this.windowMs.day : this.windowMs.minute;
    return Object.assign({}, check, { retryInMs: Math.max(1, Math.min(check.retryInMs, length - (this.now() % length))) });
  }

  private keepLeases(provider: string, keys: readonly string[], granted: number[], check: LimitCheck, chargedAt: number): void {
    if (!this.leases) return;
    const counts = [check.used.rpm, check.used.tpm, check.used.rpd];
    const ends = this.windowEnds(chargedAt);
    this.namesOf(provider).series.forEach((name, i) => this.leases?.granted(name, keys[i], granted[i] ?? 0, counts[i] + (granted[i] ?? 0), ends[i]));
  }

  /** When the rpm, tpm and rpd windows holding `t` end. */
  private windowEnds(t: number): number[] {
    const end = (length: number) => (Math.floor(t / length) + 1) * length;
    return [end(this.windowMs.minute), end(this.windowMs.minute), end(this.windowMs.day)];
  }

  private fromScript(result: number[], chargedAt: number): LimitCheck {
    const [allowed, rpm, tpm, rpd, pttl, blocked] = result.map(Number);
    return { allowed: allowed === 1, used: { rpm, tpm, rpd }, retryInMs: Math.max(pttl, 1), blockedBy: blocked ? WINDOWS[blocked - 1] : undefined, chargedAt };
  }

  private counter(key: string, ttl: number): Counter {
    const now = this.now();
    let counter = this.memory.get(key);
    if (!counter || counter.expiresAt <= now) {
      counter = { value: 0, expiresAt: now + ttl };
      this.memory.set(key, counter);
      if (this.memory.size > 10_000) for (const [k, c] of this.memory) if (c.expiresAt <= now) this.memory.delete(k);
    }
    return counter;
  }

  private acquireInMemory(keys: readonly string[], tokens: number, limits: ProviderLimits, chargedAt: number): LimitCheck {
    const ttls = [this.windowMs.minute, this.windowMs.minute, this.windowMs.day];
    const [rpm, tpm, rpd] = keys.map((k, i) => this.counter(k, ttls[i]));
    const used = { rpm: rpm.value, tpm: tpm.value, rpd: rpd.value };
    const blockers: [boolean, Counter, LimitWindow][] = [
      [rpm.value + 1 > limits.rpm, rpm, 'rpm'],
      [tpm.value > 0 && tpm.value + tokens > limits.tpm, tpm, 'tpm'],
      [rpd.value + 1 > limits.rpd, rpd, 'rpd'],
    ];
    const blocked = blockers.find(([over]) => over);
    if (blocked) return { allowed: false, used, retryInMs: Math.max(blocked[1].expiresAt - this.now(), 1), blockedBy: blocked[2], chargedAt };
    rpm.value += 1;
    tpm.value += tokens;
    rpd.value += 1;
    return { allowed: true, used: { rpm: rpm.value, tpm: tpm.value, rpd: rpd.value }, retryInMs: 0, chargedAt };
  }

  /**
   * Corrects the TPM charge once the real usage is known (estimate → actual); off the hot path. `chargedAt`
   * (the LimitCheck's) puts the correction in the window the estimate was charged to, even when the answer
   * arrives after that window ended; without it the current window is corrected. Synchronous unless part of the
   * correction must go to Redis (what this replica's lease could not absorb).
   */
  correctTokens(provider: string, delta: number, chargedAt = this.now()): void | Promise<void> {
    if (delta === 0) return;
    const key = this.keys(provider, chargedAt)[1];
    if (this.correctScript && this.redis.mode() === 'redis') {
      const rest = this.leases ? this.leases.adjust(this.namesOf(provider).series[1], key, delta) : delta;
      if (rest !== 0)
        return this.correctScript(key, rest).then(
          () => undefined,
          () => undefined,
        );
      return;
    }
    const counter = this.memory.get(key);
    if (counter) counter.value = Math.max(0, counter.value + delta);
  }

  /** Current usage of every window (for the admin view and quota gauges): the shared counts less what this replica holds as lease (other replicas' unused leases are counted). */
  async usage(provider: string): Promise<Record<LimitWindow, number>> {
    const keys = this.keys(provider);
    const client = this.redis.client;
    if (client && this.redis.mode() === 'redis') {
      try {
        const values = await client.mget(...keys);
        const used = (i: number) => Math.max(0, Number(values[i] ?? 0) - (this.leases?.held(keys[i]) ?? 0));
        return { rpm: used(0), tpm: used(1), rpd: used(2) };
      } catch {
        // per-instance view below
      }
    }
    const now = this.now();
    const read = (k: string) => {
      const c = this.memory.get(k);
      return c && c.expiresAt > now ? c.value : 0;
    };
    return { rpm: read(keys[0]), tpm: read(keys[1]), rpd: read(keys[2]) };
  }

  /** Clears every window of a provider (admin action). */
  async reset(provider: string): Promise<void> {
    const keys = this.keys(provider);
    for (const k of keys) {
      this.memory.delete(k);
      this.leases?.drop(k);
    }
    if (this.redis.client && this.redis.mode() === 'redis') await this.redis.client.del(...keys).catch(() => undefined);
  }
}
