import { usageRow } from 'test/fixtures/usage/usage-row';
import { batchParameter, usageRowJson } from './usage-insert';

describe('batchParameter', () => {
  it('joins the rows into one JSON array of their INSERT_BATCH objects, bytes intact', () => {
    const rows = [usageRow('a'), Object.assign(usageRow('b'), { model: 'modelo-ñandú-€', tags: ['факт', 'boleta'] })];
    const parsed = JSON.parse(batchParameter(rows.map((r) => Buffer.from(usageRowJson(r)))).toString('utf8')) as Record<string, unknown>[];
    expect(parsed.map((r) => r.row_id)).toEqual(['a', 'b']);
    expect(parsed[1]).toMatchObject({ model: 'modelo-ñandú-€', tags: ['факт', 'boleta'], cost_usd: rows[1].costUsd });
  });

  it('is an empty array for no rows', () => {
    expect(batchParameter([]).toString('utf8')).toBe('[]');
  });
});
