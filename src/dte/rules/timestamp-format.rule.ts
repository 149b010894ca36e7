import { finding, isIsoDate } from './rule-helpers';
import type { DteRule, Finding } from './rule';

const FECHA_HORA = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/**
 * D-05: the stamp and signing times (TED/DD/TSTED, TmstFirma) are `AAAA-MM-DDTHH:MM:SS` in Chile's local time with no
 * zone (XSD FechaHoraType). dte-rules.md files this as a note, but a value outside the pattern fails the SII schema
 * (the envelope is rejected), so a malformed timestamp blocks; a stamp dated before FchEmis blocks too, since the
 * document cannot be stamped before it exists (D-02 from the other side).
 */
export const timestampFormatRule: DteRule = {
  id: 'D-05',
  title: 'Formato de timbre y firma (AAAA-MM-DDTHH:MM:SS)',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    const stamps: [string, string | undefined][] = [
      ['TED.DD.TSTED', doc.TED?.TSTED],
      ['TmstFirma', doc.TmstFirma],
    ];
    for (const [path, value] of stamps) {
      if (value === undefined) continue;
      const match = FECHA_HORA.exec(value);
      if (!match || !isIsoDate(match[1])) {
        const message = `La fecha-hora ${path} "${value}" debe escribirse AAAA-MM-DDTHH:MM:SS, en hora de Chile y sin zona horaria (ni "Z" ni "-03:00").`;
        findings.push(finding(doc, 'D-05', 'block', path, message, { expected: 'AAAA-MM-DDTHH:MM:SS', found: value }));
      } else if (isIsoDate(doc.FchEmis) && match[1] < doc.FchEmis) {
        const message = `La fecha-hora ${path} (${match[1]}) es anterior a la fecha de emisión ${doc.FchEmis}: el documento no puede timbrarse ni firmarse antes de emitirse.`;
        findings.push(finding(doc, 'D-05', 'block', path, message, { expected: `>= ${doc.FchEmis}`, found: value }));
      }
    }
    return findings;
  },
};
