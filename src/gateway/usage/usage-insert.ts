import type { UsageRecord } from './usage-record';

/**
 * One INSERT for the whole batch, the rows passed as one JSON parameter and read back with json_to_recordset:
 * Prisma's createMany compiled a query per batch that cost more CPU than the requests being recorded, and
 * `pg`'s array parameters (one text[] per column) built every element with two regular expressions, ~7 % of the
 * service's allocation under load; JSON.stringify does it natively in one string. It is sent as a named
 * statement, so each connection prepares it once. Each row's own unique id makes a retried batch a no-op for rows
 * already written; a caller's X-Request-Id is only the correlation_id.
 */
export const INSERT_BATCH = `INSERT INTO usage_records (row_id, request_id, correlation_id, tags, unpriced, created_at, api_key_name, company_id, operation, route, provider, model,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, status, attempts,
  used_fallback, streamed, error_kind)
SELECT u.row_id, u.request_id, u.correlation_id, COALESCE((SELECT array_agg(t) FROM json_array_elements_text(u.tags) t), ARRAY[]::text[]),
  u.unpriced, u.created_at, u.api_key_name, u.company_id, u.operation, u.route, u.provider, u.model, u.input_tokens, u.output_tokens,
  u.cache_read_tokens, u.cache_write_tokens, u.reasoning_tokens, u.cost_usd, u.latency_ms, u.status, u.attempts, u.used_fallback, u.streamed, u.error_kind
FROM json_to_recordset($1::json) AS u(row_id text, request_id text, correlation_id text, tags json, unpriced bool, created_at timestamptz, api_key_name text,
  company_id int, operation text, route text, provider text, model text, input_tokens int, output_tokens int, cache_read_tokens int,
  cache_write_tokens int, reasoning_tokens int, cost_usd numeric, latency_ms int, status text, attempts int, used_fallback bool, streamed bool, error_kind text)
ON CONFLICT (row_id) DO NOTHING`;

/**
 * Rows' JSON written straight into bytes: each field's text goes into a shared slab as it is, and a finished row is
 * a view of its part of the slab. Concatenating ~50 pieces into a string made a rope of intermediate strings that
 * was then flattened and encoded again (~2.5 KB of V8 heap per row, a twentieth of a request's allocation); a
 * buffer of its own per row cost ~2 µs (each is an ArrayBuffer V8 must track). ASCII text (nearly every field) is
 * copied by a plain loop: a native write per piece cost more than the concatenation did.
 */
class RowBytes {
  private slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
  /** Where the row being written starts in the slab, and where its next byte goes. */
  private rowStart = 0;
  private at = 0;

  /** Text that needs no escaping (field names, punctuation, numbers, dates, checked strings). */
  raw(text: string): this {
    this.reserve(text.length * 3);
    const start = this.at;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.at = start + this.slab.write(text, start, 'utf8');
        return this;
      }
      this.slab[this.at++] = code;
    }
    return this;
  }

  /** A string as JSON.stringify writes it, or null: copied as it is checked, and written again by JSON.stringify when it needs escaping. */
  text(value: string | null | undefined): this {
    if (value === null || value === undefined) return this.raw('null');
    this.reserve(value.length * 3 + 2);
    const start = this.at;
    this.slab[this.at++] = 0x22;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      // Quote, backslash and controls are escaped by JSON.stringify; surrogates (lone ones are spelled out) go through it too.
      if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
        this.at = start;
        return this.raw(JSON.stringify(value));
      }
      if (code >= 0x80) {
        this.at = start;
        return this.raw('"').raw(value).raw('"');
      }
      this.slab[this.at++] = code;
    }
    this.slab[this.at++] = 0x22;
    return this;
  }

  /** A number as JSON; JSON has no NaN or Infinity, so those are null (as JSON.stringify writes them). */
  num(value: number | null): this {
    return this.raw(value !== null && Number.isFinite(value) ? String(value) : 'null');
  }

  /** Starts a row, dropping whatever a row that threw halfway left. */
  restart(): this {
    this.at = this.rowStart;
    return this;
  }

  /** The row written so far: a view of the slab, which the next rows go on filling. */
  take(): Buffer {
    const row = this.slab.subarray(this.rowStart, this.at);
    this.rowStart = this.at;
    return row;
  }

  /** Room for `bytes` more: a full slab is left to the rows that view it, and the row so far moves to a new one. */
  private reserve(bytes: number): void {
    if (this.at + bytes <= this.slab.length) return;
    const written = this.at - this.rowStart;
    const next = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, 2 * (written + bytes)));
    this.slab.copy(next, 0, this.rowStart, this.at);
    this.slab = next;
    this.rowStart = 0;
    this.at = written;
  }
}

/**
 * Rows are cut from slabs of this size. A slab lives while any of its rows waits for its batch, so the rows waiting
 * hold at most their own bytes and two slabs (the oldest rows' and the current one): rows are flushed in order.
 */
const SLAB_BYTES = 64 * 1024;

const rowBytes = new RowBytes();

const LAST_FOUR_DIGIT_YEAR_MS = Date.UTC(10_000, 0, 1);

/** The last second's ISO text up to its milliseconds: rows come thousands a second, and Date's formatting is not cheap. */
let isoSecond = { second: NaN, prefix: '' };

/** date.toISOString(), with the second's text kept from the last call (years 1970 to 9999; others are formatted whole). */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= 0 && ms < LAST_FOUR_DIGIT_YEAR_MS)) return date.toISOString();
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond.second) isoSecond = { second, prefix: date.toISOString().slice(0, 20) };
  const millis = ms - second * 1000;
  return `${isoSecond.prefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/**
 * One row as the JSON object INSERT_BATCH reads, made when the row is recorded, in bytes outside V8's heap (rows
 * wait up to COST_FLUSH_INTERVAL_MS for their batch). Money stays a decimal string (json_to_recordset reads it as
 * numeric, exactly). Not `Buffer.from`: a short string gets a slice of Node's shared 8 KB pool, which anything else
 * may share, so a waiting row could keep unrelated bytes alive and the buffer's byte bound would undercount them.
 */
export function usageRowBuffer(r: UsageRecord): Buffer {
  const w = rowBytes.restart();
  w.raw('{"row_id":').text(r.rowId).raw(',"request_id":').text(r.requestId).raw(',"correlation_id":').text(r.correlationId).raw(',"tags":[');
  const tags = r.tags ?? [];
  for (let i = 0; i < tags.length; i++) (i > 0 ? w.raw(',') : w).text(tags[i]);
  w.raw('],"unpriced":')
    .raw(r.unpriced === true ? 'true' : 'false')
    .raw(',"created_at":"')
    .raw(isoTime(r.createdAt))
    .raw('","api_key_name":')
    .text(r.apiKeyName);
  w.raw(',"company_id":').num(r.companyId).raw(',"operation":').text(r.operation).raw(',"route":').text(r.route).raw(',"provider":').text(r.provider);
  w.raw(',"model":').text(r.model).raw(',"input_tokens":').num(r.usage.input).raw(',"output_tokens":').num(r.usage.output);
  w.raw(',"cache_read_tokens":').num(r.usage.cacheRead).raw(',"cache_write_tokens":').num(r.usage.cacheWrite).raw(',"reasoning_tokens":').num(r.usage.reasoning);
  w.raw(',"cost_usd":').text(r.costUsd).raw(',"latency_ms":').num(Math.round(r.latencyMs)).raw(',"status":').text(r.status).raw(',"attempts":').num(r.attempts);
  w.raw(',"used_fallback":')
    .raw(r.usedFallback === true ? 'true' : 'false')
    .raw(',"streamed":')
    .raw(r.streamed === true ? 'true' : 'false');
  w.raw(',"error_kind":').text(r.errorKind).raw('}');
  return w.take();
}

/**
 * The batch as INSERT_BATCH's one parameter: the rows' JSON objects in one array, as bytes. `pg` sends a Buffer in
 * binary format, and Postgres's binary form of `json` is its text, so the batch never becomes one large string.
 */
export function batchParameter(rows: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const row of rows) parts.push(COMMA, row);
  parts[0] = OPEN_BRACKET; // in place of the first row's comma (or alone, for no rows)
  parts.push(CLOSE_BRACKET);
  return Buffer.concat(parts);
}

const [OPEN_BRACKET, COMMA, CLOSE_BRACKET] = ['[', ',', ']'].map((mark) => Buffer.from(mark, 'latin1'));
