import { EXPORT_TYPES } from '../dte.constants';
import type { NormalizedTax } from '../normalize/normalized-dte';
import { clp, docType, finding, num } from './rule-helpers';
import type { DteRule } from './rule';
import { ADDED_TAX_CODES, RETENTION_TAX_CODES } from './tables/additional-tax-codes.table';

const EXPORT_TOLERANCE = 0.01;

/** Σ MontoImp of the added taxes and of the withheld ones; `unclassified` when a code is neither (its sign is unknown). */
function taxSums(rows: readonly NormalizedTax[]): { added: number; withheld: number; unclassified: boolean } {
  let added = 0;
  let withheld = 0;
  let unclassified = false;
  for (const row of rows) {
    const amount = num(row.MontoImp) ?? 0;
    const code = num(row.TipoImp);
    if (code !== undefined && RETENTION_TAX_CODES.has(code)) withheld += amount;
    else {
      added += amount;
      if (code === undefined || !ADDED_TAX_CODES.has(code)) unclassified = true;
    }
  }
  return { added, withheld, unclassified };
}

/**
 * M-04: MntTotal = MntNeto + MntExe + IVA + added taxes − withheld IVA − CredEC (FMT c.124). Withheld IVA ("IVA
 * retenido", facturas de compra) is subtracted; a tax code whose sign the table does not know is counted as added and
 * a mismatch is then only a warning.
 */
export const totalIdentityRule: DteRule = {
  id: 'M-04',
  title: 'Total = neto + exento + IVA + impuestos',
  appliesTo: 'all',
  check(doc) {
    const t = doc.Totales;
    const total = num(t.MntTotal);
    if (total === undefined) return [];
    const taxes = taxSums(t.ImptoReten ?? []);
    const base = (num(t.MntNeto) ?? 0) + (num(t.MntExe) ?? 0) + (num(t.IVA) ?? 0);
    const credit = num(t.CredEC) ?? 0;
    const expected = base + taxes.added - taxes.withheld - credit;
    const type = docType(doc);
    const tolerance = type !== undefined && EXPORT_TYPES.includes(type) ? EXPORT_TOLERANCE : 0;
    if (Math.abs(total - expected) <= tolerance) return [];
    const parts = 'neto + exento + IVA' + (taxes.added ? ' + otros impuestos' : '') + (taxes.withheld ? ' − IVA retenido' : '') + (credit ? ' − crédito empresas constructoras' : '');
    const message = `El monto total (${clp(total)}) no cuadra con ${parts} (${clp(expected)}).`;
    const severity = taxes.unclassified ? 'warn' : 'block';
    return [finding(doc, 'M-04', severity, 'Totales.MntTotal', message, { expected, found: total })];
  },
};
