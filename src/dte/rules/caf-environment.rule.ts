import { finding } from './rule-helpers';
import type { DteRule } from './rule';

/** CAF `IDK` of the SII key that signed it, by the SII server it belongs to (LibreDTE `SiiEnvironment`). */
const CAF_IDK_CERTIFICATION = 100;
const CAF_IDK_PRODUCTION = 300;

/** Odoo's `l10n_cl_dte_service_provider` values that really upload to an SII server. */
const UPLOADING_ENVIRONMENTS = new Map<string, { idk: number; label: string }>([
  ['SII', { idk: CAF_IDK_PRODUCTION, label: 'producción (palena)' }],
  ['SIITEST', { idk: CAF_IDK_CERTIFICATION, label: 'certificación (maullin)' }],
]);

function cafLabel(idk: number): string {
  return idk === CAF_IDK_PRODUCTION ? 'producción' : 'certificación';
}

/**
 * F-05: the CAF belongs to the SII environment the document goes to (IDK 100 certification/maullin, 300 production/palena).
 *
 * dte-rules.md lists F-05 as INFO; it is a BLOCK here because a CAF from the other server cannot be verified there
 * and the SII rejects the document (and a certification CAF authorises no real folio), which is this catalogue's
 * definition of BLOCK. Both directions block: a production CAF sent to certification is rejected just the same and
 * spends a real folio in Odoo. `SIIDEMO` is Odoo's demo mode, which marks the DTE accepted without uploading it, so
 * any CAF is fine there. Silent when the environment or the IDK is absent, or the IDK is not one of the two known keys.
 */
export const cafEnvironmentRule: DteRule = {
  id: 'F-05',
  title: 'CAF del mismo ambiente SII',
  appliesTo: 'all',
  check(doc, ctx) {
    const environment = ctx.environment ? UPLOADING_ENVIRONMENTS.get(ctx.environment) : undefined;
    const idk = ctx.caf?.IDK;
    if (!environment || (idk !== CAF_IDK_CERTIFICATION && idk !== CAF_IDK_PRODUCTION) || idk === environment.idk) return [];
    const message =
      `El CAF es de ${cafLabel(idk)} (IDK ${idk}) pero el documento se enviará al SII de ${environment.label}; ` +
      `el SII lo rechazará. Cargue en Odoo un CAF de ${cafLabel(environment.idk)} o cambie el ambiente de la empresa.`;
    return [finding(doc, 'F-05', 'block', 'Folio', message, { expected: environment.idk, found: idk })];
  },
};
