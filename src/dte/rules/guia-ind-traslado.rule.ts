import { finding, isReceptionSummary } from './rule-helpers';
import type { DteRule } from './rule';

const IND_TRASLADO_VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** G-01: a guía de despacho (52) states IndTraslado 1..9; outside 52 IndTraslado must not appear. */
export const guiaIndTrasladoRule: DteRule = {
  id: 'G-01',
  title: 'Indicador de traslado en guías',
  appliesTo: 'all',
  check(doc) {
    const value = doc.IndTraslado;
    if (doc.TipoDTE !== 52) {
      if (value === undefined) return [];
      return [finding(doc, 'G-01', 'block', 'IndTraslado', 'El indicador de traslado solo corresponde a guías de despacho (52).', { found: value })];
    }
    if (isReceptionSummary(doc)) return [];
    if (value === undefined) {
      return [finding(doc, 'G-01', 'block', 'IndTraslado', 'La guía de despacho debe indicar el tipo de traslado (IndTraslado 1 a 9).', { expected: IND_TRASLADO_VALUES })];
    }
    if (typeof value === 'number' && IND_TRASLADO_VALUES.includes(value)) return [];
    return [finding(doc, 'G-01', 'block', 'IndTraslado', `El indicador de traslado "${value}" no es válido (1 a 9).`, { expected: IND_TRASLADO_VALUES, found: value })];
  },
};
