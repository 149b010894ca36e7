import { parseRut, rutCheckDigit } from '../rut';
import { finding, rutFields } from './rule-helpers';
import type { DteRule, Finding } from './rule';

/** every readable RUT has a correct modulo-11 check digit. */
export const rutCheckDigitRule: DteRule = {
  id: 'R-02',
  title: 'Dígito verificador del RUT',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    for (const { path, value } of rutFields(doc)) {
      const parsed = parseRut(value);
      if (!parsed) continue;
      const expected = rutCheckDigit(parsed.body);
      if (expected !== parsed.dv) {
        const message = `El dígito verificador del RUT ${parsed.canonical} es incorrecto: debería ser ${parsed.body}-${expected}.`;
        findings.push(finding(doc, 'R-02', 'block', path, message, { expected: `${parsed.body}-${expected}`, found: value }));
      }
    }
    return findings;
  },
};
