import { secretDigest } from '../key-secret';
import { parseKeysConfig } from './keys-config-file';

const now = new Date('2026-12-04T12:00:00Z');
const env = { ODOO_BI_KEY: 'bi-secret-0123456789abcdef', SHORT: 'short' };

describe('parseKeysConfig', () => {
  it('reads keys with their secret from the environment or as a digest, and company budgets', () => {
    const digest = 'a'.repeat(64);
    const checked = parseKeysConfig(
      JSON.stringify({
        keys: [
          { name: 'odoo-bi', secretEnv: 'ODOO_BI_KEY', companies: [3], allowedModels: ['claude-*'], budgetUsd: '25.00', budgetPeriod: 'week' },
          { name: 'etl', secretSha256: digest },
        ],
        companyBudgets: [{ companyId: 3, limitUsd: '150.00', period: 'month', note: 'Plan pyme' }],
      }),
      env,
      now,
    );
    expect(checked).toMatchObject({
      ok: true,
      config: {
        keys: [
          { secretSha256: secretDigest(env.ODOO_BI_KEY), settings: { name: 'odoo-bi', companies: [3], allowedModels: ['claude-*'], budgetUsd: '25.00', budgetPeriod: 'week' } },
          { secretSha256: digest, settings: { name: 'etl', companies: [], budgetUsd: null } },
        ],
        companyBudgets: [{ companyId: 3, limitUsd: '150.00', period: 'month', note: 'Plan pyme' }],
      },
    });
  });

  it('names every problem with its place in the file', () => {
    const checked = parseKeysConfig(
      JSON.stringify({
        keys: [{ name: 'a', secretEnv: 'SHORT' }, { name: 'a', secretSha256: 'x', secretEnv: 'ODOO_BI_KEY' }, { name: 'b', secretEnv: 'MISSING', tpmLimit: 'many' }, 'c'],
        companyBudgets: [
          { companyId: 3, limitUsd: '1' },
          { companyId: 3, limitUsd: '2', period: 'year' },
        ],
      }),
      env,
      now,
    );
    expect(checked).toEqual({
      ok: false,
      problems: [
        'keys[0] (a).secretEnv: environment variable SHORT must hold a secret of at least 16 characters',
        'keys[1] (a).secretEnv: give either secretSha256 or secretEnv, not both',
        'keys[1] (a).name: "a" appears twice',
        'keys[2] (b).secretEnv: environment variable MISSING must hold a secret of at least 16 characters',
        'keys[2] (b).tpmLimit: must be a positive integer, or null for no limit',
        'keys[3]: must be an object',
        'companyBudgets[1].companyId: company 3 appears twice',
        'companyBudgets[1].period: must be one of day, week, month',
      ],
    });
  });

  it('refuses a file that is not a JSON object', () => {
    expect(parseKeysConfig('keys: []', env, now)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not valid JSON/)] });
    expect(parseKeysConfig('[]', env, now)).toEqual({ ok: false, problems: ['the file must hold a JSON object with "keys" and/or "companyBudgets"'] });
  });
});
