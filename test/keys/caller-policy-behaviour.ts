import type { KvStore } from 'src/infra/redis';
import type { BudgetPeriod } from 'src/keys/budget-period';
import type { CompanyBudgetRecord, KeyRecord } from 'src/keys/key-records';
import { BudgetAlertMonitor, type BudgetAlertEvent } from 'src/keys/policy/budget-alerts';
import { BudgetExhaustedError, KeyParallelLimitedError, KeyRateLimitedError, ModelNotAllowedError } from 'src/keys/policy/caller-policy';
import { CallerPolicyService, type PolicySource } from 'src/keys/policy/caller-policy.service';
import type { PolicyCounters } from 'src/keys/policy/policy-counters';

/** Shared counters and store for one test: memory in the unit spec, real Redis in the e2e one. */
export interface CounterBackend {
  counters: () => PolicyCounters;
  kv: KvStore;
}

const MINUTE_MS = 60_000;
const LEASE_MS = 30_000;

export function key(name: string, fields: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id: `id-${name}`,
    name,
    secretHash: `hash-${name}`,
    secretHint: '…abcd',
    ownerNote: '',
    companies: [],
    allowedModels: [],
    rpmLimit: null,
    tpmLimit: null,
    maxParallelRequests: null,
    budgetUsd: null,
    budgetPeriod: null,
    expiresAt: null,
    tags: [],
    disabled: false,
    source: 'api',
    createdAt: new Date(0),
    updatedAt: new Date(0),
    rotatedAt: null,
    previousSecretHash: null,
    previousSecretValidUntil: null,
    ...fields,
  };
}

export class FakeSource implements PolicySource {
  readonly byName = new Map<string, KeyRecord>();
  readonly budgets = new Map<number, CompanyBudgetRecord>();
  add(record: KeyRecord): this {
    this.byName.set(record.name, record);
    return this;
  }
  companyLimit(companyId: number, limitUsd: string, period: BudgetPeriod = 'month'): this {
    this.budgets.set(companyId, { companyId, limitUsd, period, note: '', source: 'api', updatedAt: new Date(0) });
    return this;
  }
  key = (name: string) => this.byName.get(name);
  keys = () => [...this.byName.values()];
  companyBudget = (id: number) => this.budgets.get(id);
  companyBudgets = () => [...this.budgets.values()];
}

/** The CallerPolicy behaviour every PolicyCounters implementation must show. */
export function describeCallerPolicy(label: string, backend: () => Promise<CounterBackend> | CounterBackend): void {
  describe(`CallerPolicy on ${label}`, () => {
    let now: number;
    let source: FakeSource;
    let alerts: BudgetAlertEvent[];
    let shared: CounterBackend;
    const policy = (counters = shared.counters()) =>
      new CallerPolicyService(
        source,
        counters,
        new BudgetAlertMonitor(
          shared.kv,
          (a) => alerts.push(a),
          () => now,
        ),
        { minuteMs: MINUTE_MS, leaseMs: LEASE_MS },
        () => now,
      );
    const ask = (model = 'gpt-4o-mini', estimatedCostUsd = '0', estimatedTokens = 10, companyId: number | null = null) => ({ model, estimatedCostUsd, estimatedTokens, companyId });

    beforeEach(async () => {
      // Start of a (fake) day and minute, a unique day per test so no counters are shared between tests.
      now = Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 10_000) * 86_400_000 + 1000;
      source = new FakeSource();
      alerts = [];
      shared = await backend();
    });

    it('lets an environment key through with no limits and no counters touched', async () => {
      const counters = shared.counters();
      const admit = jest.spyOn(counters, 'admit');
      const admission = await policy(counters).admit({ keyName: 'default' }, ask());
      await policy(counters).settle(admission, { tokens: 50, costUsd: '0.5' });
      expect(admit).not.toHaveBeenCalled();
      expect(admission).toMatchObject({ keyName: 'default', budgets: [], tpmWindow: null });
    });

    it('refuses a model outside the allow-list with 403 and accepts one matched by alias or glob', async () => {
      source.add(key('bi', { allowedModels: ['gpt-4o-mini', 'anthropic/*'] }));
      await expect(policy().admit({ keyName: 'bi' }, ask('gpt-4o'))).rejects.toThrow(ModelNotAllowedError);
      await expect(policy().admit({ keyName: 'bi' }, ask('gpt-4o'))).rejects.toMatchObject({ status: 403, code: 'model_not_allowed' });
      expect(await policy().admit({ keyName: 'bi' }, { ...ask('claude-haiku-3.5'), modelAliases: ['anthropic/claude-haiku-3.5'] })).toMatchObject({ keyName: 'bi' });
      expect(await policy().admit({ keyName: 'bi' }, ask('GPT-4o-mini'))).toMatchObject({ keyName: 'bi' });
      expect([policy().allowsModel({ keyName: 'bi' }, ['gemini-2.0-flash', 'gemini/gemini-2.0-flash']), policy().allowsModel({ keyName: 'bi' }, ['claude-opus-4', 'anthropic/claude-opus-4'])]).toEqual(
        [false, true],
      );
      expect(policy().allowsModel({ keyName: 'default' }, ['anything'])).toBe(true);
      expect([policy().restrictsModels({ keyName: 'bi' }), policy().restrictsModels({ keyName: 'default' }), policy().restrictsModels({ keyName: 'unknown' })]).toEqual([true, false, false]);
    });

    it('holds the key RPM across two replicas and lets the next window through', async () => {
      source.add(key('odoo', { rpmLimit: 3 }));
      const [a, b] = [policy(), policy()];
      for (const replica of [a, b, a]) await replica.admit({ keyName: 'odoo' }, ask());
      const refused = await Promise.resolve(b.admit({ keyName: 'odoo' }, ask())).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(KeyRateLimitedError);
      expect(refused).toMatchObject({ status: 429, code: 'key_rate_limited', limit: 'rpm', limitValue: 3 });
      expect((refused as KeyRateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect((refused as KeyRateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
      now += MINUTE_MS;
      expect(await a.admit({ keyName: 'odoo' }, ask())).toMatchObject({ keyName: 'odoo' });
    });

    it('holds the key TPM across two replicas, charging the estimate and giving back what the call did not use', async () => {
      source.add(key('odoo', { tpmLimit: 1000 }));
      const [a, b] = [policy(), policy()];
      const first = await a.admit({ keyName: 'odoo' }, ask('gpt-4o-mini', '0', 400));
      await b.admit({ keyName: 'odoo' }, ask('gpt-4o-mini', '0', 400));
      await expect(a.admit({ keyName: 'odoo' }, ask('gpt-4o-mini', '0', 400))).rejects.toMatchObject({ status: 429, limit: 'tpm', limitValue: 1000 });
      await a.settle(first, { tokens: 100, costUsd: '0' });
      expect(await b.admit({ keyName: 'odoo' }, ask('gpt-4o-mini', '0', 400))).toMatchObject({ keyName: 'odoo' });
      await expect(b.admit({ keyName: 'odoo' }, ask('gpt-4o-mini', '0', 200))).rejects.toMatchObject({ limit: 'tpm' });
    });

    it("holds the key to its calls in flight across two replicas, freeing a slot at settle or once the call's deadline has passed", async () => {
      const name = `par-${now}`; // the in-flight counter has no window in its name: one per test
      source.add(key(name, { maxParallelRequests: 2 }));
      const [a, b] = [policy(), policy()];
      const call = (maxDurationMs: number) => Object.assign(ask(), { maxDurationMs });
      const first = await a.admit({ keyName: name }, call(60_000));
      await b.admit({ keyName: name }, call(10_000));
      const refused = await Promise.resolve(a.admit({ keyName: name }, call(60_000))).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(KeyParallelLimitedError);
      expect(refused).toMatchObject({ status: 429, code: 'key_parallel_limited', limit: 2, retryAfterSeconds: 1 });
      await a.settle(first, { tokens: 10, costUsd: '0' });
      await expect(b.admit({ keyName: name }, call(60_000))).resolves.toMatchObject({ parallelCounter: expect.any(String) });
      await expect(a.admit({ keyName: name }, call(60_000))).rejects.toBeInstanceOf(KeyParallelLimitedError);
      // The 10-second call was never settled (its replica died): its slot lapses 5 s after its deadline.
      now += 15_001;
      await expect(a.admit({ keyName: name }, call(60_000))).resolves.toBeDefined();
      await expect(b.admit({ keyName: name }, call(60_000))).rejects.toBeInstanceOf(KeyParallelLimitedError);
    });

    it('reserves estimates so concurrent calls never overrun a key budget, then charges the exact cost', async () => {
      source.add(key('bi', { budgetUsd: '0.500000', budgetPeriod: 'day' }));
      const [a, b] = [policy(), policy()];
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.1'))));
      const admitted = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof a.admit>>> => r.status === 'fulfilled').map((r) => r.value);
      expect(admitted).toHaveLength(5);
      const refusal = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refusal.reason).toBeInstanceOf(BudgetExhaustedError);
      expect(refusal.reason.budget).toMatchObject({ scope: 'key', target: 'bi', limitUsd: '0.500000', period: 'day', spentUsd: '0.000000000' });
      for (const admission of admitted) await a.settle(admission, { tokens: 10, costUsd: '0.060000000001' });
      // 5 × 0.060000000001 rounded up to the nano-dollar each: 0.300000005 spent, 0.199999995 left.
      await expect(a.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.2'))).rejects.toMatchObject({ budget: { spentUsd: '0.300000005' } });
      const last = await b.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.199999995'));
      await b.settle(last, { tokens: 1, costUsd: '0.199999995' });
      const spent = await Promise.resolve(b.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0'))).catch((e: BudgetExhaustedError) => e);
      expect(spent).toBeInstanceOf(BudgetExhaustedError);
      expect((spent as BudgetExhaustedError).message).toContain('API key "bi" has spent 0.500000000 of its daily budget of 0.500000 USD');
    });

    it("applies the company's budget to every key acting for it and names the company", async () => {
      source.add(key('a')).add(key('b')).companyLimit(7, '1.00');
      const p = policy();
      const admission = await p.admit({ keyName: 'a' }, ask('gpt-4o-mini', '0.9', 10, 7));
      await p.settle(admission, { tokens: 10, costUsd: '0.95' });
      const refused = await Promise.resolve(p.admit({ keyName: 'b' }, ask('gpt-4o-mini', '0.1', 10, 7))).catch((e: BudgetExhaustedError) => e);
      expect(refused).toMatchObject({ status: 429, code: 'budget_exhausted', budget: { scope: 'company', target: '7', spentUsd: '0.950000000' } });
      expect((refused as Error).message).toMatch(/^Company 7 has spent 0\.950000000 of its monthly budget of 1\.00 USD/);
      expect(await p.admit({ keyName: 'b' }, ask('gpt-4o-mini', '0.1', 10, 8))).toMatchObject({ keyName: 'b' });
    });

    it('does not count a request refused by the budget against the RPM', async () => {
      source.add(key('bi', { rpmLimit: 2, budgetUsd: '0.1', budgetPeriod: 'day' }));
      const p = policy();
      await expect(p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.5'))).rejects.toThrow(BudgetExhaustedError);
      await p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.01'));
      await p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.01'));
      await expect(p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.01'))).rejects.toThrow(KeyRateLimitedError);
    });

    it('releases the reservation of a call never settled (its replica died) once the lease runs out', async () => {
      source.add(key('bi', { budgetUsd: '1', budgetPeriod: 'day' }));
      const p = policy();
      await p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.8'));
      await expect(p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.5'))).rejects.toThrow(BudgetExhaustedError);
      now += LEASE_MS + 1;
      expect(await p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.5'))).toMatchObject({ keyName: 'bi' });
    });

    it('starts the budget again in the next period', async () => {
      source.add(key('bi', { budgetUsd: '1', budgetPeriod: 'day' }));
      const p = policy();
      await p.settle(await p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '1')), { tokens: 1, costUsd: '1' });
      await expect(p.admit({ keyName: 'bi' }, ask())).rejects.toThrow(BudgetExhaustedError);
      now += 86_400_000;
      expect(await p.admit({ keyName: 'bi' }, ask())).toMatchObject({ keyName: 'bi' });
    });

    it('announces 80 % and 95 % once each per period, whichever replica crosses them', async () => {
      source.add(key('bi', { budgetUsd: '10', budgetPeriod: 'month' }));
      const [a, b] = [policy(), policy()];
      for (const [replica, cost] of [
        [a, '7'],
        [b, '1'],
        [a, '0.5'],
        [b, '1'],
        [a, '0.1'],
        [b, '0.1'],
      ] as const) {
        await replica.settle(await replica.admit({ keyName: 'bi' }, ask('gpt-4o-mini', cost)), { tokens: 1, costUsd: cost });
      }
      expect(alerts.map((x) => [x.level, x.spentUsd])).toEqual([
        ['warning', '8.000000000'],
        ['critical', '9.500000000'],
      ]);
      expect(alerts[0]).toMatchObject({ scope: 'key', target: 'bi', limitUsd: '10', message: 'API key "bi" has spent 80% of its monthly budget (8.000000000 of 10 USD, threshold 80%)' });
    });

    it('reports each budget with its spend and what remains', async () => {
      source
        .add(key('bi', { budgetUsd: '2', budgetPeriod: 'week' }))
        .add(key('free'))
        .companyLimit(3, '5', 'day');
      const p = policy();
      await p.settle(await p.admit({ keyName: 'bi' }, ask('gpt-4o-mini', '0.5', 1, 3)), { tokens: 1, costUsd: '0.25' });
      expect((await p.statuses()).map((s) => [s.scope, s.target, s.period, s.spentUsd, s.remainingUsd])).toEqual([
        ['key', 'bi', 'week', '0.250000000', '1.750000000'],
        ['company', '3', 'day', '0.250000000', '4.750000000'],
      ]);
    });
  });
}
