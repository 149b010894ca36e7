import { normalizeRut } from '../rut';
import { finding, isReceptionSummary } from './rule-helpers';
import type { DteRule } from './rule';

const INTERNAL_TRANSFER = 5;

/** G-02: a guía with IndTraslado 5 (internal transfer between the emitter's own premises) names the emitter as receiver. */
export const guiaInternalTransferRule: DteRule = {
  id: 'G-02',
  title: 'Traslado interno: receptor = emisor',
  appliesTo: [52],
  check(doc) {
    if (isReceptionSummary(doc) || doc.IndTraslado !== INTERNAL_TRANSFER) return [];
    const emisor = normalizeRut(doc.Emisor.RUTEmisor);
    const receptor = normalizeRut(doc.Receptor.RUTRecep);
    if (emisor === null || receptor === emisor) return [];
    const message = `La guía es un traslado interno (IndTraslado 5), pero el receptor (${doc.Receptor.RUTRecep ?? 'sin RUT'}) no es el propio emisor (${doc.Emisor.RUTEmisor}).`;
    return [finding(doc, 'G-02', 'warn', 'Receptor.RUTRecep', message, { expected: doc.Emisor.RUTEmisor, found: doc.Receptor.RUTRecep })];
  },
};
