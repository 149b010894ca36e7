import { EXPORT_TYPES } from '../dte.constants';
import { clp, docType, finding, num } from './rule-helpers';
import type { DteRule } from './rule';

const EXPORT_TOLERANCE = 0.01;

/**
 * M-04: MntTotal = MntNeto + MntExe + IVA + additional taxes − CredEC (FMT c.124). When ImptoReten rows are present and
 * the total only matches with some of them subtracted (retentions), the finding is a warning: the retention table is not
 * modelled here.
 */
export const totalIdentityRule: DteRule = {
  id: 'M-04',
  title: 'Total = neto + exento + IVA + impuestos',
  appliesTo: 'all',
  check(doc) {
    const t = doc.Totales;
    const total = num(t.MntTotal);
    if (total === undefined) return [];
    const taxes = (t.ImptoReten ?? []).map((tax) => num(tax.MontoImp) ?? 0);
    const base = (num(t.MntNeto) ?? 0) + (num(t.MntExe) ?? 0) + (num(t.IVA) ?? 0);
    const credit = num(t.CredEC) ?? 0;
    const expected = base + taxes.reduce((a, b) => a + b, 0) - credit;
    const type = docType(doc);
    const tolerance = type !== undefined && EXPORT_TYPES.includes(type) ? EXPORT_TOLERANCE : 0;
    if (Math.abs(total - expected) <= tolerance) return [];
    const parts = `neto + exento + IVA${taxes.length ? ' + otros impuestos' : ''}${credit ? ' − crédito empresas constructoras' : ''}`;
    const message = `El monto total (${clp(total)}) no cuadra con ${parts} (${clp(expected)}).`;
    const severity = taxes.length > 0 ? 'warn' : 'block';
    return [finding(doc, 'M-04', severity, 'Totales.MntTotal', message, { expected, found: total })];
  },
};
