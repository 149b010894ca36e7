import { finding, isBlank } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** G-03: guías for export (IndTraslado 8 or 9) carry CdgTraslado; CdgTraslado 4 needs FolioAut and FchAut. */
export const guiaExportTransferRule: DteRule = {
  id: 'G-03',
  title: 'Código de traslado en guías de exportación',
  appliesTo: [52],
  check(doc) {
    const findings: Finding[] = [];
    if ((doc.IndTraslado === 8 || doc.IndTraslado === 9) && doc.CdgTraslado === undefined) {
      const message = 'Una guía de traslado para exportación (IndTraslado 8 o 9) debe indicar el código de traslado (CdgTraslado).';
      findings.push(finding(doc, 'G-03', 'block', 'CdgTraslado', message));
    }
    if (doc.CdgTraslado === 4) {
      if (doc.FolioAut === undefined) {
        findings.push(finding(doc, 'G-03', 'block', 'FolioAut', 'Con código de traslado 4 se debe informar el folio de autorización (FolioAut).'));
      }
      if (isBlank(doc.FchAut)) {
        findings.push(finding(doc, 'G-03', 'block', 'FchAut', 'Con código de traslado 4 se debe informar la fecha de autorización (FchAut).'));
      }
    }
    return findings;
  },
};
