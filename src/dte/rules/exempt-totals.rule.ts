import { EXEMPT_TYPES } from '../dte.constants';
import { clp, finding, isReceptionSummary, num } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/**
 * M-08: exempt and export documents carry no MntNeto or TasaIVA and MntExe equals MntTotal. The addon always sends
 * monto_neto (0.0 when exempt), so there only a non-zero value counts; in the SII form a zero tag is a warning.
 */
export const exemptTotalsRule: DteRule = {
  id: 'M-08',
  title: 'Totales de documentos exentos',
  appliesTo: EXEMPT_TYPES,
  check(doc) {
    const t = doc.Totales;
    const findings: Finding[] = [];
    const forbidden = [
      { path: 'Totales.MntNeto', label: 'monto neto', value: t.MntNeto },
      { path: 'Totales.TasaIVA', label: 'tasa de IVA', value: t.TasaIVA },
    ];
    for (const { path, label, value } of forbidden) {
      if (value === undefined) continue;
      if (value !== 0) {
        findings.push(finding(doc, 'M-08', 'block', path, `Un documento exento no debe informar ${label}.`, { expected: 'sin valor', found: value }));
      } else if (!isReceptionSummary(doc)) {
        findings.push(finding(doc, 'M-08', 'warn', path, `Un documento exento no debe incluir el campo ${label}, aunque sea 0.`, { found: value }));
      }
    }
    const exe = num(t.MntExe);
    const total = num(t.MntTotal);
    if (exe !== undefined && total !== undefined && exe !== total) {
      const message = `En un documento exento el monto exento (${clp(exe)}) debe ser igual al total (${clp(total)}).`;
      findings.push(finding(doc, 'M-08', 'block', 'Totales.MntExe', message, { expected: total, found: exe }));
    }
    return findings;
  },
};
