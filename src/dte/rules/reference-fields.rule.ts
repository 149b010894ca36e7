import { BOLETA_TYPES, isDteType } from '../dte.constants';
import { finding, isBlank } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** TpoDocRef 1..3 chars, FolioRef 1..18 chars ("0" only with IndGlobal=1), FchRef present (not on boletas), RazonRef ≤90. */
export const referenceFieldsRule: DteRule = {
  id: 'X-05',
  title: 'Campos de las referencias',
  appliesTo: 'all',
  check(doc) {
    const isBoleta = isDteType(doc.TipoDTE) && BOLETA_TYPES.includes(doc.TipoDTE);
    const findings: Finding[] = [];
    (doc.Referencia ?? []).forEach((ref, i) => {
      const at = (field: string) => `Referencia[${i}].${field}`;
      const n = i + 1;
      if (isBlank(ref.TpoDocRef) || (ref.TpoDocRef ?? '').length > 3) {
        findings.push(finding(doc, 'X-05', 'block', at('TpoDocRef'), `El tipo de documento de la referencia ${n} debe tener entre 1 y 3 caracteres.`, { found: ref.TpoDocRef }));
      }
      const folio = ref.FolioRef ?? '';
      if (folio.trim() === '' || folio.length > 18) {
        findings.push(finding(doc, 'X-05', 'block', at('FolioRef'), `El folio de la referencia ${n} debe tener entre 1 y 18 caracteres.`, { found: ref.FolioRef }));
      } else if (folio === '0' && ref.IndGlobal !== 1) {
        findings.push(finding(doc, 'X-05', 'block', at('FolioRef'), `El folio 0 en la referencia ${n} solo se permite con IndGlobal = 1 (referencia global).`, { found: folio }));
      }
      if (!isBoleta && isBlank(ref.FchRef)) {
        findings.push(finding(doc, 'X-05', 'block', at('FchRef'), `Falta la fecha del documento referenciado en la referencia ${n}.`));
      }
      if (ref.RazonRef !== undefined && ref.RazonRef.length > 90) {
        findings.push(finding(doc, 'X-05', 'block', at('RazonRef'), `La razón de la referencia ${n} supera 90 caracteres.`, { expected: 90, found: ref.RazonRef.length }));
      }
    });
    return findings;
  },
};
