import { toIndicatorsResponse } from './indicators-response';
import { loadShippedIndicators } from './shipped-indicators';

describe('toIndicatorsResponse', () => {
  it('gives the cron its numbers, counts them and lists the gaps', () => {
    const set = loadShippedIndicators().get('2025-10')!;
    const res = toIndicatorsResponse({ set, source: 'payroll-cl.json', updatedAt: new Date('2026-11-01T00:00:00Z'), importedBy: 'shipped' });
    expect(res.success).toBe(true);
    expect(Object.values(res.indicators).every((v) => typeof v === 'number')).toBe(true);
    expect(res.indicators.uf).toBeUndefined();
    expect(res.unconfirmed).toContain('uf');
    expect(res.metadata).toEqual({
      source: 'payroll-cl.json',
      period: '2025-10',
      fields_count: Object.keys(res.indicators).length,
      updated_at: '2026-11-01T00:00:00.000Z',
      imported_by: 'shipped',
    });
  });
});
