import { BOLETA_TYPES } from '../dte.constants';
import { docType, finding } from './rule-helpers';
import type { DteRule } from './rule';

const ENVELOPES = ['EnvioDTE', 'EnvioBOLETA'] as const;

/**
 * T-02: boletas (39/41) travel in an EnvioBOLETA envelope and every other type in EnvioDTE (EnvioBOLETA_v11.xsd;
 * Odoo's `_l10n_cl_create_dte_envelope`). Checked only when the caller says which envelope it will use.
 */
export const envelopeTypeRule: DteRule = {
  id: 'T-02',
  title: 'Sobre de envío según el tipo de documento',
  appliesTo: 'all',
  check(doc, ctx) {
    const type = docType(doc);
    if (type === undefined || ctx.envelope === undefined) return [];
    const expected = BOLETA_TYPES.includes(type) ? 'EnvioBOLETA' : 'EnvioDTE';
    const found = ENVELOPES.find((name) => name.toLowerCase() === ctx.envelope!.toLowerCase()) ?? ctx.envelope;
    if (found === expected) return [];
    const message = `Un documento tipo ${type} debe enviarse al SII en un sobre ${expected}, no en "${ctx.envelope}"; el SII rechaza el envío.`;
    return [finding(doc, 'T-02', 'block', 'context.envelope', message, { expected, found })];
  },
};
