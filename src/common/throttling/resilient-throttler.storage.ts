import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { CounterLeases, defineScript, LEASE_SHARE_OF_ROOM, RedisHandle, type RedisScript } from 'src/infra/redis';

/**
 * @nest-lab/throttler-storage-redis's hit script (same keys and answers), plus a lease: after counting the hit it
 * charges up to ARGV[5] more hits (capped at ARGV[6] of the room left under the limit) for this replica to hand out
 * without a round trip. KEYS: hits, blocked. ARGV: throttler name, ttl, limit, block duration, lease wanted, share,
 * and 1 for a top-up. Returns total hits (without the lease), ms until the hits expire, blocked (1/0), ms until the
 * block ends, lease. A top-up counts no hit and never blocks: it charges a lease only to a window that has a count
 * and no block, else grants nothing.
 */
const HIT_WITH_LEASE = `
if ARGV[7] == '1' then
  local hits = redis.call('GET', KEYS[1])
  if not hits or redis.call('EXISTS', KEYS[2]) == 1 then return {0, 0, 0, 0, 0} end
  local lease = math.min(tonumber(ARGV[5]), math.floor((tonumber(ARGV[3]) - tonumber(hits)) * tonumber(ARGV[6])))
  if lease > 0 then redis.call('INCRBY', KEYS[1], lease) else lease = 0 end
  return {tonumber(hits), redis.call('PTTL', KEYS[1]), 0, 0, lease}
end
local totalHits = redis.call('INCR', KEYS[1])
local timeToExpire = redis.call('PTTL', KEYS[1])
local ttl = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
if timeToExpire <= 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  timeToExpire = ttl
end
local isBlocked = redis.call('GET', KEYS[2])
local timeToBlockExpire = 0
if isBlocked then
  timeToBlockExpire = redis.call('PTTL', KEYS[2])
elseif totalHits > limit then
  redis.call('SET', KEYS[2], 1, 'PX', ARGV[4])
  isBlocked = '1'
  timeToBlockExpire = tonumber(ARGV[4])
end
if isBlocked and timeToBlockExpire <= 0 then
  redis.call('DEL', KEYS[2])
  redis.call('SET', KEYS[1], 1, 'PX', ttl)
  totalHits = 1
  timeToExpire = ttl
  isBlocked = false
end
local lease = 0
if not isBlocked then
  lease = math.min(tonumber(ARGV[5]), math.floor((limit - totalHits) * tonumber(ARGV[6])))
  if lease > 0 then redis.call('INCRBY', KEYS[1], lease) else lease = 0 end
end
return { totalHits, timeToExpire, isBlocked and 1 or 0, timeToBlockExpire, lease }`;

/**
 * HTTP throttling counters in Redis (one limit across replicas), or in memory without Redis. While a
 * configured Redis is unreachable, counting continues per replica instead of failing requests.
 * With `leases`, most hits are counted from a lease this replica charged ahead (see CounterLeases): no round trip,
 * and the shared count still never admits more than the limit.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage {
  private readonly memory = new ThrottlerStorageService();
  private readonly hit?: RedisScript;
  /** Blocks this replica has seen, so a throttled client's further hits are refused without a round trip. */
  private readonly blockedUntil = new Map<string, number>();
  private readonly hitsKeys = new Map<string, { name: string; hitsKey: string }>();

  constructor(
    private readonly handle: RedisHandle,
    private readonly leases?: CounterLeases,
    private readonly now: () => number = Date.now,
  ) {
    if (handle.client) this.hit = defineScript(handle.client, 'throttlerHitWithLease', HIT_WITH_LEASE, 2);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    return this.incrementNow(key, limit, name) ?? this.incrementByRoundTrip(key, ttl, limit, blockDuration, name);
  }

  /**
   * The hit counted without waiting, when this replica can: from a lease it holds, or refused under a block it has
   * seen. Undefined when only a round trip (or the per-replica counter) can count it.
   */
  incrementNow(key: string, limit: number, name: string): ThrottlerStorageRecord | undefined {
    if (!this.hit || !this.leases || this.handle.mode() !== 'redis') return undefined;
    const hitsKey = this.hitsKeyOf(key, name);
    const blockEnds = this.blockedUntil.get(hitsKey);
    if (blockEnds !== undefined) {
      const left = blockEnds - this.now();
      if (left > 0) return { totalHits: limit + 1, timeToExpire: Math.ceil(left / 1000), isBlocked: true, timeToBlockExpire: Math.ceil(left / 1000) };
      this.blockedUntil.delete(hitsKey);
    }
    const hits = this.leases.takeOne(hitsKey, 1);
    if (hits === undefined) return undefined;
    if (this.leases.runLow([hitsKey], [hitsKey])) this.topUp(this.hit, this.leases, hitsKey, `{${key}:${name}}:blocked`, name, limit);
    else this.leases.noteUse(hitsKey, 1);
    return { totalHits: hits, timeToExpire: this.secondsLeft(hitsKey), isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Charges the next lease of a throttle key (sized as for a hit, already counted) without counting a hit; its grant or refusal settles hits waiting on it. */
  private topUp(script: RedisScript, leases: CounterLeases, hitsKey: string, blockedKey: string, name: string, limit: number): void {
    const wanted = leases.wanted(hitsKey, 1);
    script(hitsKey, blockedKey, name, 0, limit, 0, wanted, LEASE_SHARE_OF_ROOM, 1)
      .then((result) => {
        const [hits, timeToExpire, , , lease] = (result as number[]).map(Number);
        // A count read (even with no room for a lease: its grant of 0 stops further top-ups) updates the lease; a window gone or blocked does not.
        if (hits > 0) leases.granted(hitsKey, hitsKey, lease, hits + lease, this.now() + timeToExpire);
        else leases.refused(hitsKey);
      })
      .catch(() => leases.refused(hitsKey));
  }

  private async incrementByRoundTrip(key: string, ttl: number, limit: number, blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    if (this.hit && this.handle.mode() === 'redis') {
      const hitsKey = `{${key}:${name}}:hits`;
      // incrementNow found no lease and no block: wait for a lease this replica is already asking for, if any.
      let leased: number[] | undefined;
      for (let asking = this.leases?.inFlight([hitsKey]); asking; asking = leased ? undefined : this.leases?.inFlight([hitsKey])) {
        await asking;
        leased = this.leases?.take([hitsKey], [1]);
      }
      if (leased) {
        this.leases?.noteUse(hitsKey, 1);
        return { totalHits: leased[0], timeToExpire: this.secondsLeft(hitsKey), isBlocked: false, timeToBlockExpire: 0 };
      }
      try {
        const wanted = this.leases?.wanted(hitsKey, 1) ?? 0;
        const [totalHits, timeToExpire, isBlocked, timeToBlockExpire, lease] = (await this.hit(
          hitsKey,
          `{${key}:${name}}:blocked`,
          name,
          ttl,
          limit,
          blockDuration,
          wanted,
          LEASE_SHARE_OF_ROOM,
        )) as number[];
        if (isBlocked === 1) {
          this.leases?.refused(hitsKey);
          if (this.leases && this.blockedUntil.size < 10_000) this.blockedUntil.set(hitsKey, this.now() + timeToBlockExpire);
        } else this.leases?.granted(hitsKey, hitsKey, lease, totalHits + lease, this.now() + timeToExpire);
        return { totalHits, timeToExpire: Math.ceil(timeToExpire / 1000), isBlocked: isBlocked === 1, timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000) };
      } catch {
        this.leases?.refused(hitsKey);
        // fall through to the per-replica counter
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, name);
  }

  /** The Redis key of a throttle key's hits, kept per key (a request should not build it again); bounded. */
  private hitsKeyOf(key: string, name: string): string {
    const known = this.hitsKeys.get(key);
    if (known?.name === name) return known.hitsKey;
    if (this.hitsKeys.size >= 10_000) this.hitsKeys.clear();
    const hitsKey = `{${key}:${name}}:hits`;
    this.hitsKeys.set(key, { name, hitsKey });
    return hitsKey;
  }

  private secondsLeft(hitsKey: string): number {
    const expiresAt = this.leases?.expiry(hitsKey) ?? this.now();
    return Math.max(1, Math.ceil((expiresAt - this.now()) / 1000));
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
