import type { NormalizedTed } from '../normalize/normalized-dte';
import { normalizeRut } from '../rut';
import { valueAt } from './field-access';
import { finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

interface TedField {
  field: keyof NormalizedTed;
  docPath: string;
  label: string;
  rut?: boolean;
}

/** Each TED/DD datum and the document field it must repeat (XSD TED structure). */
const TED_FIELDS: readonly TedField[] = [
  { field: 'RE', docPath: 'Emisor.RUTEmisor', label: 'RUT del emisor', rut: true },
  { field: 'TD', docPath: 'TipoDTE', label: 'tipo de documento' },
  { field: 'F', docPath: 'Folio', label: 'folio' },
  { field: 'FE', docPath: 'FchEmis', label: 'fecha de emisión' },
  { field: 'RR', docPath: 'Receptor.RUTRecep', label: 'RUT del receptor', rut: true },
  { field: 'MNT', docPath: 'Totales.MntTotal', label: 'monto total' },
];

function sameValue(a: unknown, b: unknown, rut: boolean): boolean {
  if (rut) return (normalizeRut(a) ?? String(a).trim().toUpperCase()) === (normalizeRut(b) ?? String(b).trim().toUpperCase());
  return a === b;
}

/**
 * M-12: when the stamped document is sent, its TED/DD repeats the document: RE = RUTEmisor, TD = TipoDTE, F = Folio,
 * FE = FchEmis, RR = RUTRecep (RUTs compared normalized) and MNT = MntTotal. One finding per differing datum.
 */
export const tedConsistencyRule: DteRule = {
  id: 'M-12',
  title: 'Timbre electrónico (TED) coincide con el documento',
  appliesTo: 'all',
  check(doc) {
    const ted = doc.TED;
    if (!ted) return [];
    const findings: Finding[] = [];
    for (const { field, docPath, label, rut } of TED_FIELDS) {
      const expected = valueAt(doc, docPath);
      if (expected === undefined || expected === '') continue;
      const found = ted[field];
      if (found !== undefined && sameValue(found, expected, rut === true)) continue;
      const message =
        found === undefined
          ? `El timbre electrónico (TED) no informa el ${label} (${field}); debe ser ${String(expected)}. Vuelva a timbrar el documento.`
          : `El timbre electrónico (TED) dice ${label} ${String(found)} pero el documento dice ${String(expected)}; vuelva a timbrar el documento con sus datos definitivos.`;
      findings.push(finding(doc, 'M-12', 'block', `TED.DD.${field}`, message, { expected, found }));
    }
    return findings;
  },
};
