import type { DteType } from '../dte.constants';
import { normalizeRut } from '../rut';
import { docType, finding } from './rule-helpers';
import type { DteRule, Finding } from './rule';

const RUT_OTR_TYPES: readonly DteType[] = [46, 56, 61, 110, 111, 112];

/** a reference's RUTOtr (other contributor's RUT) appears only on types 46/56/61/110–112 and never equals RUTEmisor. */
export const referenceOtherRutRule: DteRule = {
  id: 'X-06',
  title: 'RUT de otro contribuyente en referencias',
  appliesTo: 'all',
  check(doc) {
    const type = docType(doc);
    const emisor = normalizeRut(doc.Emisor.RUTEmisor);
    const findings: Finding[] = [];
    (doc.Referencia ?? []).forEach((ref, i) => {
      if (ref.RUTOtr === undefined || ref.RUTOtr === '') return;
      const path = `Referencia[${i}].RUTOtr`;
      if (type !== undefined && !RUT_OTR_TYPES.includes(type)) {
        const message = `La referencia ${i + 1} informa RUTOtr, que solo se permite en documentos tipo 46, 56, 61 y 110 a 112 (este es ${type}).`;
        findings.push(finding(doc, 'X-06', 'block', path, message, { expected: RUT_OTR_TYPES, found: type }));
      } else if (emisor !== null && normalizeRut(ref.RUTOtr) === emisor) {
        const message = `El RUTOtr de la referencia ${i + 1} es el RUT del propio emisor; debe ser el de otro contribuyente.`;
        findings.push(finding(doc, 'X-06', 'block', path, message, { found: ref.RUTOtr }));
      }
    });
    return findings;
  },
};
