/** How each key of the addon's reduced `dte_data` body maps onto the SII-tag path of the normalized document. */

export type FieldKind = 'number' | 'text' | 'date' | 'rut';

export interface AddonField {
  key: string;
  path: string;
  kind: FieldKind;
  /** True when the existing addon always sends the key (only these are checked by H-01 for that form). */
  alwaysSent?: boolean;
}

/** The keys the existing Odoo addon sends (odoo-contract.md §3.1) plus a few optional ones other callers add. */
export const ADDON_FIELDS: readonly AddonField[] = [
  { key: 'tipo_dte', path: 'TipoDTE', kind: 'number', alwaysSent: true },
  { key: 'folio', path: 'Folio', kind: 'number', alwaysSent: true },
  { key: 'fecha_emision', path: 'FchEmis', kind: 'date', alwaysSent: true },
  { key: 'fecha_vencimiento', path: 'FchVenc', kind: 'date' },
  { key: 'rut_emisor', path: 'Emisor.RUTEmisor', kind: 'rut', alwaysSent: true },
  { key: 'razon_social_emisor', path: 'Emisor.RznSoc', kind: 'text', alwaysSent: true },
  { key: 'giro_emisor', path: 'Emisor.GiroEmis', kind: 'text' },
  { key: 'rut_receptor', path: 'Receptor.RUTRecep', kind: 'rut' },
  { key: 'razon_social_receptor', path: 'Receptor.RznSocRecep', kind: 'text' },
  { key: 'monto_neto', path: 'Totales.MntNeto', kind: 'number', alwaysSent: true },
  { key: 'monto_exento', path: 'Totales.MntExe', kind: 'number', alwaysSent: true },
  { key: 'tasa_iva', path: 'Totales.TasaIVA', kind: 'number' },
  { key: 'monto_iva', path: 'Totales.IVA', kind: 'number', alwaysSent: true },
  { key: 'monto_total', path: 'Totales.MntTotal', kind: 'number', alwaysSent: true },
];

/** The SII paths the existing addon always sends; H-01 checks only these for that form. */
export const ADDON_CARRIED_PATHS: ReadonlySet<string> = new Set(ADDON_FIELDS.filter((f) => f.alwaysSent).map((f) => f.path));

const ADDON_KEY_BY_PATH = new Map(ADDON_FIELDS.map((field) => [field.path, field.key]));

/** The path to show in a finding: `dte_data.<key>` for the addon form, the SII path otherwise. */
export function displayPath(form: 'addon' | 'sii', siiPath: string): string {
  if (form === 'sii') return siiPath;
  const key = ADDON_KEY_BY_PATH.get(siiPath);
  return key ? `dte_data.${key}` : `dte_data (${siiPath})`;
}
