import { classifyLine, isSubtotal, isWorkerLine } from './line-classifier';

const kind = (code: string, amount = 1000, category = '') => classifyLine({ code, amount, category, name: code }).kind;

describe('classifyLine', () => {
  it('recognises the subtotal lines Odoo sends so they are never summed twice', () => {
    for (const code of ['TOTAL_IMPONIBLE', 'HABERES_IMPONIBLES', 'BASE_TRIBUTABLE', 'BASE_IMPUESTO_UNICO', 'TOTAL_HABERES', 'TOTAL_DESCUENTOS', 'NET', 'HABERES_NO_IMPONIBLES', 'TOPE_IMPONIBLE_UF']) {
      expect(isSubtotal(classifyLine({ code, amount: 1 }))).toBe(true);
    }
    expect(kind('TOTAL_IMPONIBLE')).toBe('total_imponible');
    expect(kind('ALCANCE LÍQUIDO')).toBe('net');
  });

  it('tolerates code variants of the legal deductions', () => {
    expect(['AFP', 'AFP_MODELO', 'COT_AFP'].map((c) => kind(c, -1))).toEqual(['afp', 'afp', 'afp']);
    expect(['SALUD', 'HEALTH', 'ISAPRE', 'FONASA'].map((c) => kind(c, -1))).toEqual(['health', 'health', 'health', 'health']);
    expect(['AFC', 'SEG_CES', 'seguro-cesantia', 'AFC_TRAB'].map((c) => kind(c, -1))).toEqual(['afc', 'afc', 'afc', 'afc']);
    expect(['IMPUESTO', 'IMPUESTO_UNICO', 'TAX', 'IUSC'].map((c) => kind(c, -1))).toEqual(['tax', 'tax', 'tax', 'tax']);
  });

  it('keeps employer contributions apart from the worker’s deductions', () => {
    expect(kind('AFC_EMPLEADOR')).toBe('employer_afc');
    expect(kind('SIS')).toBe('employer_sis');
    expect(kind('BONO_ASISTENCIA')).toBe('imponible');
    expect(kind('APORTE_EMPLEADOR_REFORMA')).toBe('employer_reform');
    expect(isWorkerLine(classifyLine({ code: 'MUTUAL', amount: 9000 }))).toBe(false);
  });

  it('separates imponible from non-imponible haberes', () => {
    expect(kind('BASIC')).toBe('basic');
    expect(kind('GRAT')).toBe('gratificacion');
    expect(kind('COLACION')).toBe('non_imponible');
    expect(kind('ASIGFAM')).toBe('asignacion_familiar');
    expect(kind('X1', 5000, 'COL_SOPA')).toBe('non_imponible');
  });

  it('treats unknown positive lines as imponible but says it guessed', () => {
    expect(classifyLine({ code: 'BONO_PRODUCCION', amount: 50000 })).toMatchObject({ kind: 'imponible', guessed: true });
    expect(classifyLine({ code: 'PRESTAMO', amount: -20000 })).toMatchObject({ kind: 'other_deduction', guessed: false });
  });

  it('uses the line total (amount × quantity) and rounds to pesos', () => {
    expect(classifyLine({ code: 'HEX', amount: 7000, total: 21000.4 }).amount).toBe(21000);
  });
});
