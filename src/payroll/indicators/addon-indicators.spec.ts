import { toAddonIndicators } from './addon-indicators';
import { loadShippedIndicators } from './shipped-indicators';

describe('toAddonIndicators', () => {
  const sets = loadShippedIndicators();

  it('gives the March 2026 values the Odoo cron reads (odoo-contract.md §3.5 example)', () => {
    const { indicators, unconfirmed } = toAddonIndicators(sets.get('2026-03')!);
    expect(indicators).toMatchObject({
      uf: 39841.72,
      utm: 69889,
      uta: 838668,
      sueldo_minimo: 539000,
      afp_tope_uf: 90,
      afc_tope_uf: 135.2,
      apv_tope_mensual_uf: 50,
      apv_tope_anual_uf: 600,
      asig_fam_tramo_1: 22007,
      asig_fam_tramo_2: 13505,
      asig_fam_tramo_3: 4267,
      asig_fam_tramo_4: 0,
      exvida_pct: 1.54,
      afc_trabajador_indefinido: 0.6,
      afc_empleador_indefinido: 2.4,
      fonasa_pct: 7,
      salud_tope_uf: 90,
      afc_empleador_plazo_fijo: 3,
      afp_modelo_pct: 10.58,
      afp_uno_comision_pct: 0.46,
      gratificacion_tope_mensual: 213354,
    });
    expect(unconfirmed).toEqual([]);
  });

  it('contains only finite numbers and lists the gaps by name instead', () => {
    const result = toAddonIndicators(sets.get('2025-10')!);
    expect(Object.values(result.indicators).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    expect(result.indicators).not.toHaveProperty('uf');
    expect(result.indicators).not.toHaveProperty('exvida_pct');
    expect(result.unconfirmed).toEqual(expect.arrayContaining(['uf', 'exvida_pct']));
  });

  it('flags values that only come from unofficial sources', () => {
    const result = toAddonIndicators(sets.get('2024-03')!);
    expect(result.indicators.uf).toBe(37093.52);
    expect(result.unofficial).toContain('uf');
    expect(result.unconfirmed).toEqual(expect.arrayContaining(['asig_fam_tramo_1', 'exvida_pct']));
  });
});
