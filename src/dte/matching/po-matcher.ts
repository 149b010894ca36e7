/** Ranks the supplier's pending purchase orders for a received DTE (POST /api/ai/reception/match_po). */
import { clp } from '../rules/rule-helpers';
import { lineRecordsOf, toDteLine, toMatchDteInput, toPendingPoInputs, toPoLine, type DteLineInput, type MatchDteInput, type PendingPoInput, type PoLineInput } from './match-input';
import { containsCode, setSimilarity, tokens } from './text-similarity';

export type { DteLineInput, DteReferenceInput, MatchDteInput, PendingPoInput, PoLineInput } from './match-input';

export interface LineMatch {
  dte_line: number;
  po_line: number;
  product_id: number | null;
  score: number;
}

export interface PoCandidate {
  po_id: number;
  name: string;
  score: number;
  reasons: string[];
}

export interface PoMatchResult {
  matched_po_id: number | null;
  confidence: number;
  line_matches: LineMatch[];
  reasoning: string;
  candidates: PoCandidate[];
  needs_tiebreak: boolean;
}

/** Points per signal; they add up to 100. */
export const PO_MATCH_WEIGHTS = { referenceDocument: 35, referenceText: 25, totalExact: 30, totalWithin1: 24, totalWithin5: 12, lines: 25, dateWindow: 10 };
export const PO_MATCH_THRESHOLD = 60;
export const PO_TIEBREAK_GAP = 5;
const DATE_WINDOW_DAYS = 90;
const LINE_MATCH_MIN = 0.5;
const PO_REFERENCE_TYPES = new Set(['801', '802', 'HES', 'HEM']);

/** A line with the tokens of its text, so each line is tokenized once per request rather than once per pairing. */
interface TokenizedLine<T> {
  line: T;
  tokens: ReadonlySet<string>;
}

function tokenizeDteLines(lines: readonly DteLineInput[]): TokenizedLine<DteLineInput>[] {
  return lines.map((line) => ({ line, tokens: tokens([line.nombre, line.descripcion].filter(Boolean).join(' ')) }));
}

function tokenizePoLines(lines: readonly PoLineInput[]): TokenizedLine<PoLineInput>[] {
  return lines.map((line) => ({ line, tokens: tokens(line.product_name) }));
}

function digits(text: string): string {
  return text.replace(/\D/g, '').replace(/^0+/, '');
}

function referenceScore(dte: MatchDteInput, po: PendingPoInput, reasons: string[]): number {
  const poDigits = digits(po.name);
  for (const ref of dte.referencias ?? []) {
    const tipo = String(ref.tipo).toUpperCase();
    const folio = String(ref.folio ?? '');
    const sameName = containsCode(folio, po.name) || (/^\d+$/.test(folio.trim()) && poDigits !== '' && digits(folio) === poDigits);
    if (PO_REFERENCE_TYPES.has(tipo) && sameName) {
      reasons.push(`El documento referencia la ${tipo === '801' ? 'orden de compra' : `referencia ${tipo}`} ${po.name}`);
      return PO_MATCH_WEIGHTS.referenceDocument;
    }
  }
  const texts = [dte.reference, ...(dte.lines ?? []).flatMap((l) => [l.nombre, l.descripcion])];
  if (texts.some((text) => containsCode(text, po.name))) {
    reasons.push(`${po.name} aparece en la referencia o en la descripción de las líneas`);
    return PO_MATCH_WEIGHTS.referenceText;
  }
  return 0;
}

function totalScore(dte: MatchDteInput, po: PendingPoInput, reasons: string[]): number {
  if (typeof dte.total_amount !== 'number' || typeof po.amount_total !== 'number' || po.amount_total <= 0) return 0;
  const diff = Math.abs(dte.total_amount - po.amount_total);
  const ratio = diff / po.amount_total;
  if (diff <= 1) {
    reasons.push(`Total ${clp(dte.total_amount)} igual al de la OC`);
    return PO_MATCH_WEIGHTS.totalExact;
  }
  const pct = (ratio * 100).toFixed(1).replace('.', ',');
  if (ratio <= 0.01) {
    reasons.push(`Total difiere ${pct}% de la OC (${clp(po.amount_total)})`);
    return PO_MATCH_WEIGHTS.totalWithin1;
  }
  if (ratio <= 0.05) {
    reasons.push(`Total difiere ${pct}% de la OC (${clp(po.amount_total)})`);
    return PO_MATCH_WEIGHTS.totalWithin5;
  }
  reasons.push(`Total ${clp(dte.total_amount)} lejos del de la OC (${clp(po.amount_total)})`);
  return 0;
}

function closeEnough(a: number | undefined, b: number | undefined): boolean {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return false;
  return Math.abs(a - b) / Math.abs(b) <= 0.01;
}

/** Each DTE line paired with its best PO line (each PO line used once), scored 0..100; malformed lines score nothing. */
export function matchLines(dteLines: readonly DteLineInput[], poLines: readonly PoLineInput[]): LineMatch[] {
  return pairLines(tokenizeDteLines(lineRecordsOf(dteLines).map(toDteLine)), tokenizePoLines(lineRecordsOf(poLines).map(toPoLine)));
}

function pairLines(dteLines: readonly TokenizedLine<DteLineInput>[], poLines: readonly TokenizedLine<PoLineInput>[]): LineMatch[] {
  const pairs: LineMatch[] = [];
  dteLines.forEach(({ line, tokens: dteTokens }, i) => {
    poLines.forEach(({ line: poLine, tokens: poTokens }, j) => {
      const similarity = setSimilarity(dteTokens, poTokens);
      const qty = closeEnough(line.cantidad, poLine.qty) ? 1 : 0;
      const price = closeEnough(line.precio_unitario, poLine.price_unit) ? 1 : 0;
      const score = Math.round(100 * (0.6 * similarity + 0.2 * qty + 0.2 * price));
      if (score >= LINE_MATCH_MIN * 100 && similarity > 0) pairs.push({ dte_line: i, po_line: j, product_id: poLine.product_id ?? null, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const usedDte = new Set<number>();
  const usedPo = new Set<number>();
  return pairs
    .filter((pair) => {
      if (usedDte.has(pair.dte_line) || usedPo.has(pair.po_line)) return false;
      usedDte.add(pair.dte_line);
      usedPo.add(pair.po_line);
      return true;
    })
    .sort((a, b) => a.dte_line - b.dte_line);
}

function dateScore(dte: MatchDteInput, po: PendingPoInput, reasons: string[]): number {
  const dteDate = Date.parse(`${(dte.date ?? '').slice(0, 10)}T00:00:00Z`);
  const poDate = Date.parse(`${(po.date_order ?? '').slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(dteDate) || Number.isNaN(poDate)) return 0;
  const days = Math.round((dteDate - poDate) / 86_400_000);
  if (days < 0) {
    reasons.push(`La OC es posterior al documento (${-days} días)`);
    return 0;
  }
  if (days > DATE_WINDOW_DAYS) {
    reasons.push(`La OC tiene ${days} días de antigüedad (más de ${DATE_WINDOW_DAYS})`);
    return 0;
  }
  reasons.push(`OC emitida ${days} días antes del documento`);
  return PO_MATCH_WEIGHTS.dateWindow;
}

function scoreCandidate(dte: MatchDteInput, dteLines: readonly TokenizedLine<DteLineInput>[], po: PendingPoInput): { candidate: PoCandidate; lines: LineMatch[] } {
  const reasons: string[] = [];
  let score = referenceScore(dte, po, reasons) + totalScore(dte, po, reasons);
  const lines = pairLines(dteLines, tokenizePoLines(po.lines ?? []));
  if (dteLines.length > 0 && (po.lines ?? []).length > 0) {
    const average = lines.reduce((sum, m) => sum + m.score, 0) / (100 * dteLines.length);
    score += Math.round(PO_MATCH_WEIGHTS.lines * average);
    reasons.push(`${lines.length} de ${dteLines.length} líneas coinciden con la OC`);
  }
  score += dateScore(dte, po, reasons);
  return { candidate: { po_id: po.id, name: po.name, score: Math.min(100, score), reasons }, lines };
}

/**
 * Scores every pending PO 0-100 (reference, total, lines, date window) and picks the best when it reaches 60;
 * `needs_tiebreak` says the two best are within 5 points, so a caller may ask an LLM or a person. Members of the
 * wrong type are ignored and POs without an integer id and a text name are not candidates.
 */
export function matchPurchaseOrders(dte: MatchDteInput, pendingPos: readonly PendingPoInput[]): PoMatchResult {
  const safeDte = toMatchDteInput(dte);
  const dteLines = tokenizeDteLines(safeDte.lines ?? []);
  const scored = toPendingPoInputs(pendingPos)
    .map((po) => scoreCandidate(safeDte, dteLines, po))
    .sort((a, b) => b.candidate.score - a.candidate.score);
  const best = scored[0];
  const candidates = scored.map((s) => s.candidate);
  const needsTiebreak = scored.length > 1 && best.candidate.score - scored[1].candidate.score <= PO_TIEBREAK_GAP;
  if (!best || best.candidate.score < PO_MATCH_THRESHOLD) {
    const reasoning = best
      ? `Ninguna OC alcanza el mínimo (${PO_MATCH_THRESHOLD}); la mejor es ${best.candidate.name} con ${best.candidate.score}: ${best.candidate.reasons.join('; ')}.`
      : 'No hay órdenes de compra pendientes para comparar.';
    return { matched_po_id: null, confidence: best?.candidate.score ?? 0, line_matches: [], reasoning, candidates, needs_tiebreak: needsTiebreak };
  }
  const tie = needsTiebreak ? ` Atención: ${scored[1].candidate.name} obtiene un puntaje similar (${scored[1].candidate.score}).` : '';
  return {
    matched_po_id: best.candidate.po_id,
    confidence: best.candidate.score,
    line_matches: best.lines,
    reasoning: `${best.candidate.name}: ${best.candidate.reasons.join('; ')}.${tie}`,
    candidates,
    needs_tiebreak: needsTiebreak,
  };
}
