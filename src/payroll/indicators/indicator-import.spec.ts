import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIndicatorImport } from './indicator-import';
import { loadShippedIndicators } from './shipped-indicators';

const sample = readFileSync(join(__dirname, '../../../test/fixtures/payroll/indicators-import.csv'), 'utf8');

describe('parseIndicatorImport', () => {
  describe('csv', () => {
    it('builds a complete set from the sample file, deriving UTA and keeping sources and status', () => {
      const result = parseIndicatorImport(sample, 'csv');
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const [set] = result.sets;
      expect(set.period).toBe('2026-06');
      expect(set.uf).toMatchObject({ value: 40733.25, status: 'confirmed', source: 'Previred Indicadores Previsionales junio 2026' });
      expect(set.uta.value).toBe(71506 * 12);
      expect(set.sisPct).toMatchObject({ value: 1.62, status: 'unofficial', confirmed: false });
      expect(set.afpCommissionPct.value!.uno).toBe(0.46);
      expect(set.asignacionFamiliar.value![3]).toEqual({ tramo: 'D', maxIncome: null, amount: 0 });
      expect(set.taxBrackets.value).toHaveLength(8);
    });

    it('leaves optional groups missing when not given', () => {
      const lines = sample
        .split('\n')
        .filter((l) => !/asig_fam|sis_pct/.test(l))
        .join('\n');
      const result = parseIndicatorImport(lines, 'csv');
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.sets[0].asignacionFamiliar.status).toBe('missing');
      expect(result.sets[0].sisPct.value).toBeNull();
    });

    it('rejects the whole file and names every bad row', () => {
      const bad = sample
        .replace('2026-06,utm,71506', '2026-13,utm,71506')
        .replace('2026-06,imm,539000', '2026-06,imm,-539000')
        .replace('2026-06,tope_afp_salud_uf,90', '2026-06,tope_afp_salud_uf,9000')
        .replace('2026-06,sis_pct,1.62', '2026-06,sis_pct,abc')
        .replace('2026-06,tope_ips_uf,60', '2026-06,tope_ipz_uf,60');
      const result = parseIndicatorImport(bad, 'csv');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const byRow = Object.fromEntries(result.errors.filter((e) => e.row).map((e) => [e.row, e.message]));
      expect(byRow[3]).toMatch(/period must be YYYY-MM/);
      expect(byRow[4]).toMatch(/outside the plausible range/);
      expect(byRow[5]).toMatch(/outside the plausible range/);
      expect(byRow[7]).toMatch(/unknown field/);
      expect(byRow[8]).toMatch(/not a number/);
      expect(result.errors).toContainEqual(expect.objectContaining({ period: '2026-06', field: 'utm', message: 'required field is missing' }));
    });

    it('rejects duplicated fields, inconsistent groups and a missing header', () => {
      const dup = parseIndicatorImport(`${sample}2026-06,uf,40000\n`, 'csv');
      expect(!dup.ok && dup.errors[0]).toMatchObject({ row: 26, message: 'field given twice for this period' });
      const split = parseIndicatorImport(sample.replace('reforma_cci_pct,0.1', 'reforma_cci_pct,0.3'), 'csv');
      expect(!split.ok && split.errors[0]).toMatchObject({ period: '2026-06', field: 'employerReform' });
      expect(parseIndicatorImport('2026-06,uf,40000\n', 'csv').ok).toBe(false);
    });

    it('accepts semicolon-separated files with decimal commas', () => {
      const semi = sample.replace(/,/g, ';').replace('"40.733;25"', '40733,25').replace('135.2', '135,2');
      const result = parseIndicatorImport(semi, 'csv');
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.sets[0].topeAfcUf.value).toBe(135.2);
    });
  });

  describe('json', () => {
    it('round-trips stored sets', () => {
      const sets = [...loadShippedIndicators().values()].slice(0, 3);
      const result = parseIndicatorImport(JSON.stringify(sets), 'json');
      expect(result).toEqual({ ok: true, sets, keptUnknown: [] });
    });

    it('accepts the research file format of payroll-cl.json', () => {
      const file = readFileSync(join(__dirname, 'payroll-cl.json'), 'utf8');
      const result = parseIndicatorImport(file, 'json');
      expect(result.ok && result.sets.length).toBe(31);
    });

    it('rejects every bad set by index and period, and malformed JSON', () => {
      const sets = [...loadShippedIndicators().values()].slice(0, 2);
      sets[1].uf.value = 3984172;
      (sets[1] as any).utm = undefined;
      const result = parseIndicatorImport(JSON.stringify({ sets }), 'json');
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors).toEqual([
        expect.objectContaining({ row: 2, period: '2024-02', field: 'uf' }),
        expect.objectContaining({ row: 2, period: '2024-02', field: 'utm', message: 'is missing' }),
      ]);
      expect(parseIndicatorImport('{not json', 'json').ok).toBe(false);
    });

    it('rejects a misspelt indicator or an unknown member instead of storing it silently', () => {
      const [set] = [...loadShippedIndicators().values()].slice(0, 1);
      const withTypos = { ...set, utf: set.utm, uf: { ...set.uf, valor: 1 } };
      const result = parseIndicatorImport(JSON.stringify([withTypos]), 'json');
      expect(!result.ok && result.errors).toEqual([
        { row: 1, period: set.period, field: 'uf.valor', message: "unknown member: did you mean 'value'? (check the spelling)" },
        { row: 1, period: set.period, field: 'utf', message: "unknown field: did you mean 'utm'? (check the spelling)" },
      ]);
    });

    it('keeps keys no indicator reads (a new Previred figure, a note) in the stored set and reports them', () => {
      const [set] = [...loadShippedIndicators().values()].slice(0, 1);
      const extended = { ...set, seguroSocialExpectativaVida: { value: 0.9, source: 'Previred' }, uf: { ...set.uf, reviewedBy: 'contabilidad' } };
      const result = parseIndicatorImport(JSON.stringify([extended]), 'json');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.sets[0]).toMatchObject({ seguroSocialExpectativaVida: { value: 0.9 }, uf: { reviewedBy: 'contabilidad' } });
      expect(result.keptUnknown.map((k) => k.field)).toEqual(['uf.reviewedBy', 'seguroSocialExpectativaVida']);
    });
  });
});
