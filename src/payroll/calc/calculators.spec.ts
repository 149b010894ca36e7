import { loadShippedIndicators } from '../indicators/shipped-indicators';
import { afcContributions, afcRateFor } from './afc';
import { afpWorkerContribution, fundsMatchingAmount } from './afp';
import { asignacionFamiliar } from './asignacion-familiar';
import { employerContributions } from './employer-contributions';
import { gratificacionLegal, gratificacionMonthlyCap } from './gratificacion';
import { healthContribution } from './health';
import { cappedBase, topeInPesos } from './imponible-caps';
import { impuestoUnico, impuestoUnicoBase } from './impuesto-unico';

const sets = loadShippedIndicators();
const at = (period: string) => sets.get(period)!;

describe('imponible caps', () => {
  it('converts the AFP/health and AFC topes to pesos with the month UF', () => {
    expect(topeInPesos(84.3, at('2024-06').uf.value!)).toBe(3_167_308); // 84,3 × 37.571,86 = 3.167.307,80
    expect(topeInPesos(131.9, at('2025-09').uf.value!)).toBe(5_208_157); // 131,9 × 39.485,65 = 5.208.157,24
    expect(topeInPesos(90, at('2026-03').uf.value!)).toBe(3_585_755);
  });
  it('caps only salaries above the tope', () => {
    expect(cappedBase(4_500_000, 3_466_840)).toBe(3_466_840);
    expect(cappedBase(1_250_000, 3_466_840)).toBe(1_250_000);
  });
});

describe('AFP', () => {
  it('charges 10 % + the fund commission in force in 2024, 2025 and 2026', () => {
    const c24 = at('2024-06').afpCommissionPct.value!;
    expect(afpWorkerContribution(1_250_000, 10, c24.habitat)).toBe(140_875); // 11,27 %
    const c25 = at('2025-09').afpCommissionPct.value!;
    expect(afpWorkerContribution(3_466_840, 10, c25.provida)).toBe(396_953); // capped base × 11,45 %
    const c26 = at('2026-03').afpCommissionPct.value!;
    expect(afpWorkerContribution(1_163_354, 10, c26.modelo)).toBe(123_083); // 10,58 %
  });
  it('applies AFP Uno’s lower commission from October 2025', () => {
    expect(afpWorkerContribution(1_000_000, 10, at('2025-09').afpCommissionPct.value!.uno)).toBe(104_900);
    expect(afpWorkerContribution(1_000_000, 10, at('2025-10').afpCommissionPct.value!.uno)).toBe(104_600);
  });
  it('identifies the fund from the amount, including ties between equal commissions', () => {
    const c = at('2026-03').afpCommissionPct.value!;
    expect(fundsMatchingAmount(123_083, 1_163_354, 10, c)).toEqual(['modelo']);
    expect(fundsMatchingAmount(133_088, 1_163_354, 10, c).sort()).toEqual(['capital', 'cuprum']);
    expect(fundsMatchingAmount(120_000, 1_163_354, 10, c)).toEqual([]);
  });
});

describe('health', () => {
  it('charges Fonasa 7 % of the capped base', () => {
    expect(healthContribution(1_163_354, 7, { system: 'fonasa' }, 39_841.72)).toEqual({ legal: 81_435, expected: 81_435, planPesos: null });
    expect(healthContribution(3_466_840, 7, { system: 'fonasa' }, 39_485.65).expected).toBe(242_679);
  });
  it('charges an Isapre plan when it costs more than 7 %, and 7 % when it costs less', () => {
    const uf = at('2025-09').uf.value!;
    expect(healthContribution(1_800_000, 7, { system: 'isapre', planUf: 3.2 }, uf)).toEqual({ legal: 126_000, expected: 126_354, planPesos: 126_354 });
    expect(healthContribution(1_800_000, 7, { system: 'isapre', planUf: 2 }, uf).expected).toBe(126_000);
  });
  it('cannot price an Isapre plan it was not told', () => {
    expect(healthContribution(1_800_000, 7, { system: 'isapre' }, 39_485.65).expected).toBeNull();
  });
});

describe('AFC', () => {
  const rates = at('2025-09').afcRates.value!;
  it('splits 0,6/2,4 for indefinite contracts on the capped AFC base', () => {
    expect(afcContributions(5_208_157, afcRateFor('indefinido', 3, rates))).toEqual({ worker: 31_249, employer: 124_996 });
    expect(afcContributions(1_163_354, afcRateFor('indefinido', 0, at('2026-03').afcRates.value!))).toEqual({ worker: 6_980, employer: 27_920 });
  });
  it('charges the worker nothing on fixed-term and per-work contracts (employer 3 %)', () => {
    expect(afcContributions(900_000, afcRateFor('plazo_fijo', 0, rates))).toEqual({ worker: 0, employer: 27_000 });
    expect(afcRateFor('obra', 20, rates)).toEqual(rates.plazoFijo);
  });
  it('switches to 0/0,8 after 11 years of an indefinite contract', () => {
    expect(afcContributions(2_000_000, afcRateFor('indefinido', 11, rates))).toEqual({ worker: 0, employer: 16_000 });
    expect(afcRateFor('indefinido', 10.9, rates)).toEqual(rates.indefinido);
  });
});

describe('gratificación legal', () => {
  const rule = at('2026-03').gratificacion.value!;
  it('caps at 4,75 IMM / 12 for each minimum wage in the tables', () => {
    expect(gratificacionMonthlyCap(460_000, rule)).toBe(182_083);
    expect(gratificacionMonthlyCap(510_636, rule)).toBe(202_127); // 202.126,75
    expect(gratificacionMonthlyCap(539_000, rule)).toBe(213_354);
  });
  it('pays 25 % below the cap and the cap above it', () => {
    expect(gratificacionLegal(600_000, 539_000, rule)).toBe(150_000);
    expect(gratificacionLegal(950_000, 539_000, rule)).toBe(213_354);
  });
});

describe('impuesto único', () => {
  const brackets = at('2026-03').taxBrackets.value!;
  it('computes the base from imponible minus AFP, legal health and worker AFC, never below zero', () => {
    expect(impuestoUnicoBase({ imponible: 1_163_354, afp: 123_083, healthLegal: 81_435, afcWorker: 6_980 })).toBe(951_856);
    expect(impuestoUnicoBase({ imponible: 10, afp: 11, healthLegal: 0, afcWorker: 0 })).toBe(0);
  });
  it('is zero in the exempt bracket', () => {
    expect(impuestoUnico(900_000, 69_889, brackets)).toMatchObject({ amount: 0, bracket: 1 });
  });
  it('applies factor and rebate of brackets 2 to 5 in 2024, 2025 and 2026', () => {
    expect(impuestoUnico(1_200_000, at('2024-06').utm.value!, brackets)).toMatchObject({ amount: 12_484, bracket: 2 });
    expect(impuestoUnico(951_856, 69_889, brackets)).toMatchObject({ amount: 334, bracket: 2 });
    expect(impuestoUnico(2_500_000, at('2025-07').utm.value!, brackets)).toMatchObject({ amount: 80_074, bracket: 3 });
    expect(impuestoUnico(4_000_000, 69_889, brackets)).toMatchObject({ amount: 226_198, bracket: 4 });
    expect(impuestoUnico(6_000_000, at('2025-03').utm.value!, brackets)).toMatchObject({ amount: 622_101, bracket: 5 });
  });
  it('uses 40 % above 310 UTM', () => {
    expect(impuestoUnico(25_000_000, 69_889, brackets)).toMatchObject({ amount: 7_286_909, bracket: 8 });
  });
  it('gives the same tax on both sides of a bracket limit (the table is continuous)', () => {
    const limit = 30 * 69_889;
    const below = impuestoUnico(limit, 69_889, brackets);
    const above = impuestoUnico(limit + 1, 69_889, brackets);
    expect([below.bracket, above.bracket]).toEqual([2, 3]);
    expect(above.amount - below.amount).toBeLessThanOrEqual(1);
  });
});

describe('employer contributions', () => {
  it('adds the 1 % reform contribution only from August 2025 remunerations', () => {
    const jul = at('2025-07');
    const aug = at('2025-08');
    const input = { baseAfp: 1_500_000, baseAfc: 1_500_000, afcEmployerPct: 2.4 };
    expect(employerContributions({ ...input, sisPct: jul.sisPct.value, reform: jul.employerReform.value })).toEqual({
      sis: 28_200,
      afcEmployer: 36_000,
      reformTotal: 0,
      reformCci: 0,
      reformSeguroSocial: 0,
    });
    expect(employerContributions({ ...input, sisPct: aug.sisPct.value, reform: aug.employerReform.value })).toEqual({
      sis: 28_200,
      afcEmployer: 36_000,
      reformTotal: 15_000,
      reformCci: 1_500,
      reformSeguroSocial: 13_500,
    });
  });
  it('leaves SIS unknown when the month has no confirmed rate', () => {
    const set = at('2024-05');
    expect(employerContributions({ baseAfp: 1_000_000, baseAfc: 1_000_000, afcEmployerPct: 2.4, sisPct: set.sisPct.value, reform: set.employerReform.value }).sis).toBeNull();
  });
});

describe('asignación familiar', () => {
  const tramos = at('2026-03').asignacionFamiliar.value!;
  it('pays by tramo of income per carga, nothing in tramo D', () => {
    expect(asignacionFamiliar(600_000, 2, tramos)).toEqual({ tramo: 'A', amount: 44_014 });
    expect(asignacionFamiliar(923_067, 1, tramos)).toEqual({ tramo: 'B', amount: 13_505 });
    expect(asignacionFamiliar(2_000_000, 3, tramos)).toEqual({ tramo: 'D', amount: 0 });
  });
});
