/**
 * Last line of defence for the matchers: whatever reaches them (validated DTOs, or a caller that skipped validation)
 * is reduced to well-typed inputs. Values of the wrong type are dropped, never thrown on.
 */
import { asRecord, odooNumber, odooText } from 'src/common/odoo';
import { compact } from '../normalize/coerce';

export interface DteLineInput {
  numero?: string | number;
  nombre?: string;
  descripcion?: string;
  cantidad?: number;
  precio_unitario?: number;
  monto_total?: number;
}

export interface DteReferenceInput {
  tipo: string;
  folio: string;
}

export interface MatchDteInput {
  partner_id?: number | null;
  partner_vat?: string;
  partner_name?: string;
  total_amount?: number;
  date?: string;
  reference?: string;
  lines?: DteLineInput[];
  referencias?: DteReferenceInput[];
}

export interface PoLineInput {
  product_id?: number | null;
  product_name?: string;
  qty?: number;
  price_unit?: number;
  subtotal?: number;
}

export interface PendingPoInput {
  id: number;
  name: string;
  amount_total?: number;
  date_order?: string;
  currency?: string;
  lines?: PoLineInput[];
}

export interface InvoiceLineInput {
  description?: string;
  quantity?: number;
  price?: number;
}

export interface ProjectInput {
  id: number;
  name: string;
  code?: string;
  partner_name?: string;
  state?: string;
  budget?: number;
}

export interface HistoricalPurchaseInput {
  date?: string;
  /** Comma-joined project names of one past vendor bill. */
  project_name?: string;
  amount?: number;
}

export interface SuggestProjectInput {
  partner_id?: number | null;
  partner_vat?: string;
  partner_name?: string;
  invoice_lines?: InvoiceLineInput[];
  available_projects: ProjectInput[];
  historical_purchases?: HistoricalPurchaseInput[];
}

/** Text as is, finite numbers as text; anything else undefined. */
export const textOrUndefined = odooText;

/** Finite numbers and numeric text as a number; anything else undefined. */
export const numberOrUndefined = odooNumber;

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/** The plain-object items of an array (an array's nested arrays and scalars are dropped); not an array → []. */
export function recordsOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const record = asRecord(item);
    return record ? [record] : [];
  });
}

/** Each item of an array as a record, a malformed item as an empty one so line indices keep pointing at what was sent. */
export function lineRecordsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map((item) => asRecord(item) ?? {}) : [];
}

/** One DTE line with only well-typed members. */
export function toDteLine(raw: Record<string, unknown>): DteLineInput {
  return compact({
    numero: textOrUndefined(raw.numero),
    nombre: textOrUndefined(raw.nombre),
    descripcion: textOrUndefined(raw.descripcion),
    cantidad: numberOrUndefined(raw.cantidad),
    precio_unitario: numberOrUndefined(raw.precio_unitario),
    monto_total: numberOrUndefined(raw.monto_total),
  });
}

/** One PO line with only well-typed members. */
export function toPoLine(raw: Record<string, unknown>): PoLineInput {
  return compact({
    product_id: integerOrNull(raw.product_id),
    product_name: textOrUndefined(raw.product_name),
    qty: numberOrUndefined(raw.qty),
    price_unit: numberOrUndefined(raw.price_unit),
    subtotal: numberOrUndefined(raw.subtotal),
  });
}

function toReference(raw: Record<string, unknown>): DteReferenceInput[] {
  const tipo = textOrUndefined(raw.tipo);
  const folio = textOrUndefined(raw.folio);
  return tipo !== undefined && folio !== undefined ? [{ tipo, folio }] : [];
}

/** The DTE side of a PO match; a non-object becomes an empty DTE (it then matches nothing). */
export function toMatchDteInput(value: unknown): MatchDteInput {
  const raw = asRecord(value) ?? {};
  return compact({
    partner_id: integerOrNull(raw.partner_id),
    partner_vat: textOrUndefined(raw.partner_vat),
    partner_name: textOrUndefined(raw.partner_name),
    total_amount: numberOrUndefined(raw.total_amount),
    date: textOrUndefined(raw.date),
    reference: textOrUndefined(raw.reference),
    lines: lineRecordsOf(raw.lines).map(toDteLine),
    referencias: recordsOf(raw.referencias).flatMap(toReference),
  });
}

/** The pending POs that can be answered with: objects with an integer id and a text name, members well-typed. */
export function toPendingPoInputs(value: unknown): PendingPoInput[] {
  return recordsOf(value).flatMap((raw) => {
    if (!Number.isSafeInteger(raw.id) || typeof raw.name !== 'string') return [];
    return [
      compact({
        id: raw.id as number,
        name: raw.name,
        amount_total: numberOrUndefined(raw.amount_total),
        date_order: textOrUndefined(raw.date_order),
        currency: textOrUndefined(raw.currency),
        lines: lineRecordsOf(raw.lines).map(toPoLine),
      }),
    ];
  });
}

function toProject(raw: Record<string, unknown>): ProjectInput[] {
  if (!Number.isSafeInteger(raw.id) || typeof raw.name !== 'string') return [];
  return [
    compact({
      id: raw.id as number,
      name: raw.name,
      code: textOrUndefined(raw.code),
      partner_name: textOrUndefined(raw.partner_name),
      state: textOrUndefined(raw.state),
      budget: numberOrUndefined(raw.budget),
    }),
  ];
}

/** The suggester's input with only well-typed members; projects without an integer id and a text name are left out. */
export function toSuggestProjectInput(value: unknown): SuggestProjectInput {
  const raw = asRecord(value) ?? {};
  return compact({
    partner_id: integerOrNull(raw.partner_id),
    partner_vat: textOrUndefined(raw.partner_vat),
    partner_name: textOrUndefined(raw.partner_name),
    invoice_lines: recordsOf(raw.invoice_lines).map((line): InvoiceLineInput =>
      compact({ description: textOrUndefined(line.description), quantity: numberOrUndefined(line.quantity), price: numberOrUndefined(line.price) }),
    ),
    available_projects: recordsOf(raw.available_projects).flatMap(toProject),
    historical_purchases: recordsOf(raw.historical_purchases).map((item): HistoricalPurchaseInput =>
      compact({ date: textOrUndefined(item.date), project_name: textOrUndefined(item.project_name), amount: numberOrUndefined(item.amount) }),
    ),
  });
}
