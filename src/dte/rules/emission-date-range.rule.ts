import { FCH_EMIS_MIN, FCH_MAX, FCH_REF_MIN } from '../dte.constants';
import { finding, isIsoDate } from './rule-helpers';
import type { DteRule, Finding } from './rule';

function checkDate(value: string, min: string): 'format' | 'range' | null {
  if (!isIsoDate(value)) return 'format';
  return value < min || value > FCH_MAX ? 'range' : null;
}

/** D-01: FchEmis is a real AAAA-MM-DD date within 2003-04-01..2050-12-31; FchRef within 2002-08-01..2050-12-31. */
export const emissionDateRangeRule: DteRule = {
  id: 'D-01',
  title: 'Fecha de emisión válida',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    if (doc.FchEmis !== undefined && doc.FchEmis !== '') {
      const problem = checkDate(doc.FchEmis, FCH_EMIS_MIN);
      if (problem === 'format') {
        findings.push(finding(doc, 'D-01', 'block', 'FchEmis', `La fecha de emisión "${doc.FchEmis}" no es una fecha válida (AAAA-MM-DD).`, { found: doc.FchEmis }));
      } else if (problem === 'range') {
        const message = `La fecha de emisión ${doc.FchEmis} está fuera del rango aceptado por el SII (${FCH_EMIS_MIN} a ${FCH_MAX}).`;
        findings.push(finding(doc, 'D-01', 'block', 'FchEmis', message, { expected: `${FCH_EMIS_MIN}..${FCH_MAX}`, found: doc.FchEmis }));
      }
    }
    (doc.Referencia ?? []).forEach((ref, i) => {
      if (ref.FchRef === undefined || ref.FchRef === '') return;
      const problem = checkDate(ref.FchRef, FCH_REF_MIN);
      if (problem) {
        const message = `La fecha de la referencia ${i + 1} ("${ref.FchRef}") no es válida o está fuera del rango ${FCH_REF_MIN} a ${FCH_MAX}.`;
        findings.push(finding(doc, 'D-01', 'block', `Referencia[${i}].FchRef`, message, { found: ref.FchRef }));
      }
    });
    return findings;
  },
};
