import { addonDoc } from 'test/fixtures/dte/dte-factory';
import { checkHistory } from './history-check';

const item = (folio: string, total: number, tipo = '33') => ({ tipo_dte: tipo, folio, fecha_emision: null, monto_total: total, monto_neto: 0, monto_iva: 0, monto_exento: 0 });

describe(checkHistory.name, () => {
  it('says nothing when the amount is near the average', () => {
    const doc = addonDoc('33'); // 499.800
    expect(checkHistory(doc, [item('1', 450000), item('2', 500000), item('3', 520000)])).toEqual([]);
  });

  it('warns when the amount is far below the average, naming how many documents were compared', () => {
    const doc = addonDoc('33');
    const findings = checkHistory(doc, [item('1', 1000000), item('2', 1000000), item('3', 1000000), item('4', 10, '61')]);
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'HIST-01', severity: 'warn', path: 'dte_data.monto_total', message: 'Monto 50% bajo el promedio del proveedor (últimos 3 documentos).' }),
    ]);
  });

  it('needs at least three documents of the same type to judge', () => {
    expect(checkHistory(addonDoc('33'), [item('1', 10), item('2', 10), item('3', 10, '34')])).toEqual([]);
  });

  it('warns on a folio already received with another amount, and ignores a re-validation of the same document', () => {
    const doc = addonDoc('33');
    expect(checkHistory(doc, [item('8811', 100)])).toEqual([expect.objectContaining({ ruleId: 'HIST-02' })]);
    expect(checkHistory(doc, [item('8811', 499800)])).toEqual([]);
  });

  it('ignores malformed history items', () => {
    expect(checkHistory(addonDoc('33'), [null, 'x', { message: 'hola' }, 5])).toEqual([]);
  });
});
