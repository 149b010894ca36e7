import { TRANSPORT_2026_FROM } from '../dte.constants';
import { finding, isBlank, isIsoDate, isReceptionSummary } from './rule-helpers';
import type { DteRule } from './rule';

/** Transporte fields a guía must carry from 1-Nov-2026 (Res. Ex. SII N°154/2025, Formato DTE v2.5, dte-rules.md §12). */
export const TRANSPORT_2026_FIELDS = [
  { key: 'Patente', label: 'patente del vehículo' },
  { key: 'PatenteCarro', label: 'patente del carro' },
  { key: 'RUTTrans', label: 'RUT del transportista' },
  { key: 'RUTChofer', label: 'RUT del chofer' },
  { key: 'NombreChofer', label: 'nombre del chofer' },
  { key: 'DirDest', label: 'dirección de destino' },
  { key: 'CmnaDest', label: 'comuna de destino' },
  { key: 'FchSalida', label: 'fecha de salida' },
  { key: 'HraSalida', label: 'hora de salida' },
  { key: 'FchLlegada', label: 'fecha de llegada' },
] as const;

/**
 * G-04: transport data of guías 52. Blocks when the document is dated on or after 2026-11-01; before that date it is
 * only a note. The inbox's reception summary carries no transport data: the answer lists G-04 in `rules_skipped`.
 */
export const guiaTransport2026Rule: DteRule = {
  id: 'G-04',
  title: 'Datos de transporte en guías (desde 1-nov-2026)',
  appliesTo: [52],
  check(doc) {
    if (isReceptionSummary(doc)) return [];
    const transport = (doc.Transporte ?? {}) as Record<string, unknown>;
    const missing = TRANSPORT_2026_FIELDS.filter((field) => isBlank(transport[field.key]));
    if (missing.length === 0) return [];
    const inForce = isIsoDate(doc.FchEmis) && doc.FchEmis >= TRANSPORT_2026_FROM;
    const severity = inForce ? 'block' : 'info';
    const prefix = inForce ? 'Desde el 1-nov-2026 la guía debe informar' : 'A partir del 1-nov-2026 la guía deberá informar';
    const labels = missing.map((field) => field.label).join(', ');
    const message = `${prefix} los datos de transporte; faltan: ${labels}. Si un dato no se conoce, debe indicarse expresamente.`;
    return [finding(doc, 'G-04', severity, 'Transporte', message, { found: missing.map((field) => field.key) })];
  },
};
