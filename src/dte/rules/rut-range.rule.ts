import { isSpecialRut, parseRut } from '../rut';
import { finding, rutFields } from './rule-helpers';
import type { DteRule, Finding } from './rule';

const MIN_BODY = 100_000;

/** RUT bodies outside 100.000..99.999.999 are suspicious, except 55555555-5 and 66666666-6. */
export const rutRangeRule: DteRule = {
  id: 'R-03',
  title: 'RUT dentro del rango habitual',
  appliesTo: 'all',
  check(doc) {
    const findings: Finding[] = [];
    for (const { path, value } of rutFields(doc)) {
      const parsed = parseRut(value);
      if (!parsed || isSpecialRut(value) || parsed.body >= MIN_BODY) continue;
      const message = `El RUT ${parsed.canonical} es menor a 100.000; revise que sea el RUT correcto.`;
      findings.push(finding(doc, 'R-03', 'warn', path, message, { found: parsed.canonical }));
    }
    return findings;
  },
};
