import { checkCompanyBudget, checkKeySettings, checkRotation } from './key-settings';

const now = new Date('2026-12-04T12:00:00Z');

describe('checkKeySettings', () => {
  it('fills defaults on create: any company, any model, no limits, no budget, no expiry', () => {
    expect(checkKeySettings({ name: 'odoo-prod' }, 'create', now)).toEqual({
      ok: true,
      value: {
        name: 'odoo-prod',
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
      },
    });
  });

  it('keeps every given setting, the budget as exact text with a monthly period by default', () => {
    const checked = checkKeySettings(
      { name: 'bi', companies: [1, 2, 2], allowedModels: ['gpt-4o-mini', 'claude-*'], rpmLimit: 60, tpmLimit: 100000, budgetUsd: '25.50', expiresAt: '2027-01-31T23:59:59Z', tags: ['finance'] },
      'create',
      now,
    );
    expect(checked).toMatchObject({
      ok: true,
      value: { companies: [1, 2], allowedModels: ['gpt-4o-mini', 'claude-*'], rpmLimit: 60, budgetUsd: '25.50', budgetPeriod: 'month', expiresAt: new Date('2027-01-31T23:59:59Z') },
    });
  });

  it('names every bad field at once', () => {
    const checked = checkKeySettings(
      { name: 'bad name', companies: [0], rpmLimit: 1.5, maxParallelRequests: 0, budgetUsd: '0', budgetPeriod: 'year', expiresAt: '2020-01-01', tags: ['a b'], colour: 'red' },
      'create',
      now,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => p.field).sort()).toEqual(['budgetPeriod', 'budgetUsd', 'colour', 'companies', 'expiresAt', 'maxParallelRequests', 'name', 'rpmLimit', 'tags']);
  });

  it('refuses money with more than 6 decimals rather than rounding it', () => {
    expect(checkKeySettings({ name: 'x', budgetUsd: '1.0000001' }, 'create', now).ok).toBe(false);
  });

  it('on update takes only the fields sent and refuses a rename', () => {
    expect(checkKeySettings({ rpmLimit: null, disabled: true }, 'update', now)).toEqual({ ok: true, value: { rpmLimit: null, disabled: true } });
    expect(checkKeySettings({ maxParallelRequests: 4 }, 'update', now)).toEqual({ ok: true, value: { maxParallelRequests: 4 } });
    expect(checkKeySettings({ name: 'other' }, 'update', now)).toEqual({ ok: false, problems: [{ field: 'name', problems: ['a key cannot be renamed: create a new key and delete this one'] }] });
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'x', 3]) expect(checkKeySettings(body, 'create', now).ok).toBe(false);
  });
});

describe('checkCompanyBudget', () => {
  it('accepts a limit with a period and defaults to monthly', () => {
    expect(checkCompanyBudget({ limitUsd: '100' })).toEqual({ ok: true, value: { limitUsd: '100', period: 'month', note: '' } });
    expect(checkCompanyBudget({ limitUsd: '5.25', period: 'day', note: 'piloto' })).toEqual({ ok: true, value: { limitUsd: '5.25', period: 'day', note: 'piloto' } });
  });

  it('names what is wrong', () => {
    expect(checkCompanyBudget({ limitUsd: '-3', period: 'hour' })).toEqual({
      ok: false,
      problems: [
        { field: 'limitUsd', problems: ['must be a USD amount above 0 with at most 6 decimals (e.g. "100.00")'] },
        { field: 'period', problems: ['must be one of day, week, month'] },
      ],
    });
  });
});

describe('checkRotation', () => {
  it('gives no grace unless asked, and takes up to 30 days in whole seconds', () => {
    expect(checkRotation(undefined)).toEqual({ ok: true, value: 0 });
    expect(checkRotation({})).toEqual({ ok: true, value: 0 });
    expect(checkRotation({ gracePeriodSeconds: 86_400 })).toEqual({ ok: true, value: 86_400 });
    expect(checkRotation({ gracePeriodSeconds: 30 * 24 * 3600 })).toEqual({ ok: true, value: 2_592_000 });
  });

  it('names a bad grace period and an unknown field', () => {
    for (const gracePeriodSeconds of [-1, 1.5, '3600', 30 * 24 * 3600 + 1]) {
      expect(checkRotation({ gracePeriodSeconds })).toEqual({
        ok: false,
        problems: [{ field: 'gracePeriodSeconds', problems: [expect.stringContaining('whole number of seconds from 0 to 2592000')] }],
      });
    }
    expect(checkRotation({ grace_period: '24h' })).toEqual({ ok: false, problems: [{ field: 'grace_period', problems: ['unknown field; use gracePeriodSeconds'] }] });
    expect(checkRotation([1])).toMatchObject({ ok: false, problems: [{ field: 'body' }] });
  });
});
