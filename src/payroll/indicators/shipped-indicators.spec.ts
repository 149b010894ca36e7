import { loadShippedIndicators } from './shipped-indicators';

describe('loadShippedIndicators', () => {
  it('gives one set per research month 2024-01..2026-07', () => {
    const sets = loadShippedIndicators();
    expect(sets.size).toBe(31);
    expect([...sets.keys()][0]).toBe('2024-01');
    expect([...sets.keys()].at(-1)).toBe('2026-07');
  });
  it('carries the March 2026 figures and their trust level', () => {
    const set = loadShippedIndicators().get('2026-03')!;
    expect(set.uf).toMatchObject({ value: 39841.72, status: 'confirmed', confirmed: true });
    expect(set.utm.value).toBe(69889);
    expect(set.uta.value).toBe(838668);
    expect(set.imm.value).toBe(539000);
    expect(set.topeAfpSaludUf.value).toBe(90);
    expect(set.topeAfcUf.value).toBe(135.2);
    expect(set.afpCommissionPct.value!.modelo).toBe(0.58);
    expect(set.sisPct.value).toBe(1.54);
    expect(set.employerReform.value).toEqual({ totalPct: 1, cciPct: 0.1, seguroSocialPct: 0.9 });
    expect(set.immMenores18Mayores65.value).toBe(402082);
  });
  it('marks research gaps as missing and disputed figures as unofficial', () => {
    const sets = loadShippedIndicators();
    expect(sets.get('2025-10')!.uf).toMatchObject({ value: null, status: 'missing', confirmed: false });
    expect(sets.get('2024-05')!.sisPct.status).toBe('missing');
    expect(sets.get('2025-02')!.sisPct).toMatchObject({ value: 1.38, status: 'confirmed' });
    expect(sets.get('2025-03')!.topeAfcUf).toMatchObject({ value: 131.9, status: 'unofficial' });
    expect(sets.get('2025-03')!.topeAfpSaludUf.status).toBe('confirmed');
    expect(sets.get('2024-03')!.uf.status).toBe('unofficial');
    expect(sets.get('2026-07')!.imm.status).toBe('unofficial');
    expect(sets.get('2025-01')!.imm.status).toBe('unofficial');
    expect(sets.get('2025-07')!.employerReform.value!.totalPct).toBe(0);
    expect(sets.get('2025-08')!.employerReform.value!.totalPct).toBe(1);
    expect(sets.get('2025-10')!.afpCommissionPct.value!.uno).toBe(0.46);
  });
  it('hands out copies so one caller cannot change another caller’s figures', () => {
    loadShippedIndicators().get('2026-03')!.utm.value = 1;
    expect(loadShippedIndicators().get('2026-03')!.utm.value).toBe(69889);
  });
  it('produces sets that survive a JSON round trip unchanged', () => {
    const set = loadShippedIndicators().get('2025-09')!;
    expect(JSON.parse(JSON.stringify(set))).toEqual(set);
  });
});
