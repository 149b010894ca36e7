/** Deterministic comparison of a received DTE with the supplier's recent documents (the addon's `history`). */
import type { NormalizedDte } from '../normalize/normalized-dte';
import { toNumberLike } from '../normalize/coerce';
import { finding, num } from '../rules/rule-helpers';
import type { Finding } from '../rules/rule';

export interface HistoryCheckOptions {
  /** Relative deviation from the average that raises a warning (0.3 = 30 %). */
  deviationThreshold?: number;
  /** Fewer comparable documents than this and no average is judged. */
  minDocuments?: number;
}

interface PastDocument {
  tipo?: unknown;
  folio?: unknown;
  total?: number;
}

function toPast(item: unknown): PastDocument {
  const record = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
  const total = toNumberLike(record.monto_total);
  return { tipo: toNumberLike(record.tipo_dte), folio: toNumberLike(record.folio), total: typeof total === 'number' ? total : undefined };
}

/**
 * HIST-01 warns when MntTotal is far from the average of the supplier's documents of the same type;
 * HIST-02 warns when the same type and folio was already received with a different amount.
 * History items are the addon's (`tipo_dte`, `folio`, `fecha_emision`, `monto_*`); any other shape is ignored.
 */
export function checkHistory(doc: NormalizedDte, history: readonly unknown[], options: HistoryCheckOptions = {}): Finding[] {
  const threshold = options.deviationThreshold ?? 0.3;
  const minDocuments = options.minDocuments ?? 3;
  const total = num(doc.Totales.MntTotal);
  const past = history.map(toPast).filter((item) => item.tipo === doc.TipoDTE);
  const findings: Finding[] = [];

  const sameFolio = past.filter((item) => doc.Folio !== undefined && item.folio === doc.Folio);
  if (sameFolio.some((item) => item.total !== undefined && item.total !== total)) {
    const message = `El folio ${doc.Folio} ya fue recibido de este proveedor con otro monto; revise si es un documento duplicado.`;
    findings.push(finding(doc, 'HIST-02', 'warn', 'Folio', message, { found: doc.Folio }));
  }

  const comparable = past.filter((item) => item.folio !== doc.Folio && item.total !== undefined && item.total > 0);
  if (total === undefined || total <= 0 || comparable.length < minDocuments) return findings;
  const average = comparable.reduce((sum, item) => sum + (item.total ?? 0), 0) / comparable.length;
  const deviation = (total - average) / average;
  if (Math.abs(deviation) >= threshold) {
    const direction = deviation > 0 ? 'sobre' : 'bajo';
    const message = `Monto ${Math.round(Math.abs(deviation) * 100)}% ${direction} el promedio del proveedor (últimos ${comparable.length} documentos).`;
    findings.push(finding(doc, 'HIST-01', 'warn', 'Totales.MntTotal', message, { expected: Math.round(average), found: total }));
  }
  return findings;
}
