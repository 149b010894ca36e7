import type { RedisHandle } from 'src/infra/redis';
import { MemoryPolicyCounters } from './memory-policy-counters';
import type { AdmitOutcome, AdmitPlan, PolicyCounters, SettlePlan } from './policy-counters';

/**
 * KEYS: rpm window, tpm window, the key's in-flight hash (`l:<lease>` = expiresAt), then one hash per budget (field
 * `spent`, and `l:<lease>` = "amount:expiresAt"). ARGV: rpmLimit (0 none), tpmLimit (0 none), tokens, windowMs, now,
 * leaseId, leaseExpiresAt, estimate, parallelLimit (0 none), parallelExpiresAt, then limit and ttl per budget.
 * Returns {0} admitted, {1|2, pttl} window full, {4, in flight} no slot, {3, budget index, spent, reserved}.
 */
const ADMIT = `
local rpmLimit = tonumber(ARGV[1])
local tpmLimit = tonumber(ARGV[2])
local tokens = tonumber(ARGV[3])
local now = tonumber(ARGV[5])
local estimate = tonumber(ARGV[8])
local parallelLimit = tonumber(ARGV[9])
if rpmLimit > 0 then
  local rpm = tonumber(redis.call('GET', KEYS[1]) or '0')
  if rpm + 1 > rpmLimit then return {1, redis.call('PTTL', KEYS[1])} end
end
if tpmLimit > 0 then
  local tpm = tonumber(redis.call('GET', KEYS[2]) or '0')
  if tpm > 0 and tpm + tokens > tpmLimit then return {2, redis.call('PTTL', KEYS[2])} end
end
if parallelLimit > 0 then
  local live = 0
  local slots = redis.call('HGETALL', KEYS[3])
  for j = 1, #slots, 2 do
    if tonumber(slots[j + 1]) <= now then redis.call('HDEL', KEYS[3], slots[j]) else live = live + 1 end
  end
  if live >= parallelLimit then return {4, live} end
end
for i = 4, #KEYS do
  local limit = tonumber(ARGV[11 + (i - 4) * 2])
  local spent = 0
  local reserved = 0
  local fields = redis.call('HGETALL', KEYS[i])
  for j = 1, #fields, 2 do
    local field = fields[j]
    if field == 'spent' then
      spent = tonumber(fields[j + 1])
    else
      local amount, expires = string.match(fields[j + 1], '^(%d+):(%d+)$')
      if tonumber(expires) <= now then redis.call('HDEL', KEYS[i], field) else reserved = reserved + tonumber(amount) end
    end
  end
  if spent >= limit or spent + reserved + estimate > limit then return {3, i - 4, spent, reserved} end
end
if rpmLimit > 0 then
  if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
end
if tpmLimit > 0 then
  if redis.call('INCRBY', KEYS[2], tokens) == tokens then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
end
if parallelLimit > 0 then
  redis.call('HSET', KEYS[3], 'l:' .. ARGV[6], ARGV[10])
  if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[10]) - now then redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[10]) - now) end
end
for i = 4, #KEYS do
  redis.call('HSET', KEYS[i], 'l:' .. ARGV[6], ARGV[8] .. ':' .. ARGV[7])
  redis.call('PEXPIRE', KEYS[i], ARGV[12 + (i - 4) * 2])
end
return {0}`;

/**
 * KEYS: tpm window, the key's in-flight hash, then the budget hashes. ARGV: token delta, leaseId, cost, then ttl per
 * budget. The TPM correction lands only while its window exists (a new key would never expire). Returns each
 * budget's spend.
 */
const SETTLE = `
local delta = tonumber(ARGV[1])
if delta ~= 0 and redis.call('EXISTS', KEYS[1]) == 1 then
  if redis.call('INCRBY', KEYS[1], delta) < 0 then redis.call('SET', KEYS[1], 0, 'KEEPTTL') end
end
redis.call('HDEL', KEYS[2], 'l:' .. ARGV[2])
local out = {}
for i = 3, #KEYS do
  redis.call('HDEL', KEYS[i], 'l:' .. ARGV[2])
  out[#out + 1] = redis.call('HINCRBY', KEYS[i], 'spent', ARGV[3])
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[4 + i - 3]) end
end
return out`;

/**
 * PolicyCounters in Redis, shared by every replica; while Redis is unreachable each replica counts in
 * memory (degraded: limits and budgets per replica until Redis returns).
 */
export class RedisPolicyCounters implements PolicyCounters {
  constructor(
    private readonly redis: RedisHandle,
    private readonly fallback = new MemoryPolicyCounters(),
  ) {}

  async admit(plan: AdmitPlan): Promise<AdmitOutcome> {
    const client = this.redis.client;
    if (!client || this.redis.mode() !== 'redis') return this.fallback.admit(plan);
    const { rate } = plan;
    const keys = [rate?.rpmKey ?? 'policy:none', rate?.tpmKey ?? 'policy:none', plan.parallel?.key ?? 'policy:none', ...plan.budgets.map((b) => b.key)];
    const args = [
      rate?.rpmLimit ?? 0,
      rate?.tpmLimit ?? 0,
      rate?.tokens ?? 0,
      rate?.windowMs ?? 1,
      plan.nowMs,
      plan.leaseId,
      plan.leaseExpiresAt,
      plan.estimateNanos,
      plan.parallel?.limit ?? 0,
      plan.parallel?.expiresAt ?? 0,
      ...plan.budgets.flatMap((b) => [b.limitNanos, b.ttlMs]),
    ];
    let reply: number[];
    try {
      reply = ((await client.eval(ADMIT, keys.length, ...keys, ...args)) as (number | string)[]).map(Number);
    } catch {
      return this.fallback.admit(plan);
    }
    if (reply[0] === 0) return { ok: true };
    if (reply[0] === 1 || reply[0] === 2) return { ok: false, refusedBy: reply[0] === 1 ? 'rpm' : 'tpm', retryInMs: Math.max(1, reply[1]) };
    if (reply[0] === 4) return { ok: false, refusedBy: 'parallel', inFlight: reply[1] };
    return { ok: false, refusedBy: 'budget', index: reply[1], spentNanos: reply[2], reservedNanos: reply[3] };
  }

  async settle(plan: SettlePlan): Promise<number[]> {
    const client = this.redis.client;
    if (!client || this.redis.mode() !== 'redis') return this.fallback.settle(plan);
    const keys = [plan.tpmKey ?? 'policy:none', plan.parallelKey ?? 'policy:none', ...plan.budgets.map((b) => b.key)];
    try {
      const reply = (await client.eval(SETTLE, keys.length, ...keys, plan.tokenDelta, plan.leaseId, plan.costNanos, ...plan.budgets.map((b) => b.ttlMs))) as (number | string)[];
      return reply.map(Number);
    } catch {
      return this.fallback.settle(plan);
    }
  }

  async spent(keys: string[]): Promise<number[]> {
    const client = this.redis.client;
    if (keys.length === 0) return [];
    if (!client || this.redis.mode() !== 'redis') return this.fallback.spent(keys);
    try {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.hget(key, 'spent');
      const replies = (await pipeline.exec()) ?? [];
      return replies.map(([, value]) => Number(value ?? 0));
    } catch {
      return this.fallback.spent(keys);
    }
  }
}
