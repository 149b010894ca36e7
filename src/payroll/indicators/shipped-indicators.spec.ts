import { loadShippedIndicators, withShippedHealthSplit } from './shipped-indicators';

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
  it('ships the Fonasa/CCAF split of payroll-cl.md: 3,9/3,1 confirmed Jan-25..Jan-26, 2,8/4,2 single-source from Feb-26', () => {
    const sets = loadShippedIndicators();
    expect(sets.get('2024-12')!.healthSplit).toBeUndefined();
    expect(sets.get('2025-01')!.healthSplit).toMatchObject({ value: { fonasaPct: 3.9, ccafPct: 3.1 }, status: 'confirmed', source: expect.stringContaining('SUSESO') });
    expect(sets.get('2026-01')!.healthSplit).toMatchObject({ value: { fonasaPct: 3.9, ccafPct: 3.1 }, status: 'confirmed' });
    expect(sets.get('2026-02')!.healthSplit).toMatchObject({ value: { fonasaPct: 2.8, ccafPct: 4.2 }, status: 'unofficial', confirmed: false, note: 'single source' });
  });
  it('adds the shipped split to a stored month that has none, never over its own', () => {
    const seededEarlier = { ...loadShippedIndicators().get('2025-06')! };
    delete seededEarlier.healthSplit;
    expect(withShippedHealthSplit(seededEarlier).healthSplit).toMatchObject({ value: { fonasaPct: 3.9, ccafPct: 3.1 } });
    const fetched = { ...seededEarlier, healthSplit: { value: { fonasaPct: 3.8, ccafPct: 3.2 }, source: 'Previred', status: 'confirmed' as const, confirmed: true } };
    expect(withShippedHealthSplit(fetched).healthSplit!.value).toEqual({ fonasaPct: 3.8, ccafPct: 3.2 });
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
