import { carriedForwardMonths, carryForward, fillGaps } from './carry-forward';
import { loadShippedIndicators } from './shipped-indicators';

describe('carry-forward', () => {
  const shipped = loadShippedIndicators();
  const july = shipped.get('2026-07')!;

  it('copies a month into the next one, marking published values carried_forward and keeping statutory ones', () => {
    const august = carryForward(july, '2026-08');
    expect(august.period).toBe('2026-08');
    expect(august.utm).toMatchObject({ value: 71649, status: 'carried_forward', confirmed: false, carriedFrom: '2026-07' });
    expect(august.imm).toMatchObject({ value: 539000, status: 'carried_forward', note: expect.stringContaining('unofficial') });
    expect(august.healthPct).toEqual(july.healthPct);
    expect(august.uf).toEqual(july.uf);
    const september = carryForward(august, '2026-09');
    expect(september.utm.carriedFrom).toBe('2026-07');
  });

  it('fills a missing value from the latest earlier month that has it', () => {
    const earlier = [...shipped.values()].reverse();
    const filled = fillGaps(july, earlier);
    expect(july.uf.value).toBeNull();
    expect(filled.uf).toMatchObject({ value: 40610.69, status: 'carried_forward', carriedFrom: '2026-05' });
    expect(filled.utm).toEqual(july.utm);
    const october2025 = fillGaps(shipped.get('2025-10')!, earlier);
    expect(october2025.uf).toMatchObject({ value: 39485.65, carriedFrom: '2025-09' });
  });

  it('builds the months from the latest stored one to the current month, none when the latest is current', () => {
    expect(carriedForwardMonths(shipped, '2026-12').map((s) => s.period)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    expect(carriedForwardMonths(shipped, '2026-07')).toEqual([]);
    expect(carriedForwardMonths(new Map(), '2026-12')).toEqual([]);
    const withGap = new Map([...shipped].filter(([period]) => period !== '2026-03'));
    withGap.set('2030-01', july);
    expect(carriedForwardMonths(withGap, '2026-09').map((s) => s.period)).toEqual(['2026-03', '2026-08', '2026-09']);
  });
});
