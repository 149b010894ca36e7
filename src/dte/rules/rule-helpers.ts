/** Small pure helpers shared by the rules: numbers, rounding, dates in Chile, finding construction. */
import { clp as formatClp } from 'src/common/money/clp';
import { isIsoDate } from 'src/common/time/calendar-date';
import { chileDate } from 'src/common/time/chile-calendar';
import { isDteType, type DteType } from '../dte.constants';
import { displayPath } from '../normalize/addon-fields.table';
import type { NormalizedDte, NumberLike } from '../normalize/normalized-dte';
import type { Finding, Severity } from './rule';

/** The value when it is a real number, otherwise undefined. */
export function num(value: NumberLike | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Rounds half away from zero to whole pesos, immune to binary float noise such as 2.675 × 100. */
export function roundHalfUp(value: number): number {
  const rounded = Math.floor(Math.abs(value) + 0.5 + 1e-9);
  return value < 0 ? -rounded : rounded;
}

/** The document type when it is a valid TipoDTE. */
export function docType(doc: NormalizedDte): DteType | undefined {
  return isDteType(doc.TipoDTE) ? doc.TipoDTE : undefined;
}

/**
 * True for the Odoo inbox's reception summary: a flat `dte_data` body without lines (headers and totals of a received
 * document). A flat body with lines is a whole document and is checked exactly like the SII-tag form.
 */
export function isReceptionSummary(doc: NormalizedDte): boolean {
  return doc.form === 'addon' && doc.Detalle === undefined;
}

/** True for text that is absent or only blanks. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

export { isIsoDate };

/** Today's date (`YYYY-MM-DD`) in America/Santiago at the given instant. */
export const todayInChile = chileDate;

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Pesos in a finding, decimals kept (`$499.800`, `$1.234,5`): a decimal amount is itself what some rules report. */
export function clp(value: number): string {
  return formatClp(value, { keepDecimals: true });
}

/** Counts the decimal places of a number as written. */
export function decimalPlaces(value: number): number {
  const text = String(value);
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  return text.includes('.') ? text.split('.')[1].length : 0;
}

/** Builds a finding whose path is shown in the vocabulary of the payload form that came in. */
export function finding(doc: NormalizedDte, ruleId: string, severity: Severity, siiPath: string, message: string, extra: { expected?: unknown; found?: unknown } = {}): Finding {
  const result: Finding = { ruleId, severity, path: displayPath(doc.form, siiPath), message };
  if (extra.expected !== undefined) result.expected = extra.expected;
  if (extra.found !== undefined) result.found = extra.found;
  return result;
}

/** Every RUT-bearing field present in the document, with its SII path. */
export function rutFields(doc: NormalizedDte): { path: string; value: string }[] {
  const fields: { path: string; value: string | undefined }[] = [
    { path: 'Emisor.RUTEmisor', value: doc.Emisor.RUTEmisor },
    { path: 'Emisor.RUTMandante', value: doc.Emisor.RUTMandante },
    { path: 'Receptor.RUTRecep', value: doc.Receptor.RUTRecep },
    { path: 'Receptor.RUTSolicita', value: doc.Receptor.RUTSolicita },
    { path: 'Transporte.RUTTrans', value: doc.Transporte?.RUTTrans },
    { path: 'Transporte.RUTChofer', value: doc.Transporte?.RUTChofer },
    ...(doc.Referencia ?? []).map((ref, i) => ({ path: `Referencia[${i}].RUTOtr`, value: ref.RUTOtr })),
  ];
  return fields.filter((f): f is { path: string; value: string } => f.value !== undefined && f.value.trim() !== '');
}

/** True when line amounts are gross (IVA included): boletas unless IndMntNeto=2, or MntBruto=1. */
export function hasGrossPrices(doc: NormalizedDte): boolean {
  const type = docType(doc);
  if (type === 39 || type === 41) return doc.IndMntNeto !== 2;
  return doc.MntBruto === 1;
}
