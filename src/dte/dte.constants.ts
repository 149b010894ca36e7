/** Shared DTE facts (dte-rules.md §1, §7); tables the rules read instead of hard-coding. */

/** Every TipoDTE the SII accepts as an electronic document (dte-rules.md §1). */
export const DTE_TYPES = [33, 34, 39, 41, 43, 46, 52, 56, 61, 110, 111, 112] as const;
export type DteType = (typeof DTE_TYPES)[number];

/** XML root element under <DTE> per type (dte-rules.md T-01). */
export function expectedRootFor(type: DteType): 'Documento' | 'Liquidacion' | 'Exportaciones' {
  if (type === 43) return 'Liquidacion';
  if (type === 110 || type === 111 || type === 112) return 'Exportaciones';
  return 'Documento';
}

export const BOLETA_TYPES: readonly DteType[] = [39, 41];
export const EXEMPT_TYPES: readonly DteType[] = [34, 41, 110, 111, 112];
export const EXPORT_TYPES: readonly DteType[] = [110, 111, 112];
export const REFERENCE_REQUIRED_TYPES: readonly DteType[] = [56, 61, 111, 112];
/** Types whose CAF folios expire six months after authorisation (dte-rules.md F-03). */
export const EXPIRING_CAF_TYPES: readonly DteType[] = [33, 43, 46, 56, 61];
export const CAF_VALIDITY_DAYS = 180;

export const IVA_RATE_PERCENT = 19;
export const FCH_EMIS_MIN = '2003-04-01';
export const FCH_REF_MIN = '2002-08-01';
export const FCH_MAX = '2050-12-31';
/** Date from which guías 52 must carry the full Transporte block (Res. Ex. SII N°154/2025, dte-rules.md §12). */
export const TRANSPORT_2026_FROM = '2026-11-01';

export const MAX_LINES = 60;
export const MAX_LINES_BOLETA = 1000;
export const MAX_REFERENCES = 40;

export function isDteType(value: unknown): value is DteType {
  return typeof value === 'number' && (DTE_TYPES as readonly number[]).includes(value);
}
