import type { UsageRecord } from './usage-record';

/**
 * One INSERT for the whole batch, the columns passed as arrays and expanded with unnest: Prisma's createMany
 * compiled a query per batch that cost more CPU than the requests being recorded (seen in a CPU profile). It is
 * sent as a named statement, so each connection prepares it once. Each row's own unique id makes a retried
 * batch a no-op for rows already written; a caller's X-Request-Id is only the correlation_id.
 */
export const INSERT_BATCH = `INSERT INTO usage_records (row_id, request_id, correlation_id, tags, unpriced, created_at, api_key_name, company_id, operation, route, provider, model,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, status, attempts,
  used_fallback, streamed, error_kind)
SELECT u.row_id, u.request_id, u.correlation_id, COALESCE((SELECT array_agg(t) FROM json_array_elements_text(u.tags) t), ARRAY[]::text[]),
  u.unpriced, u.created_at, u.api_key_name, u.company_id, u.operation, u.route, u.provider, u.model, u.input_tokens, u.output_tokens,
  u.cache_read_tokens, u.cache_write_tokens, u.reasoning_tokens, u.cost_usd, u.latency_ms, u.status, u.attempts, u.used_fallback, u.streamed, u.error_kind
FROM unnest($1::text[], $2::text[], $3::text[], $4::json[], $5::bool[], $6::timestamptz[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[],
  $13::int[], $14::int[], $15::int[], $16::int[], $17::int[], $18::numeric[], $19::int[], $20::text[], $21::int[],
  $22::bool[], $23::bool[], $24::text[])
  AS u(row_id, request_id, correlation_id, tags, unpriced, created_at, api_key_name, company_id, operation, route, provider, model, input_tokens, output_tokens,
  cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, latency_ms, status, attempts, used_fallback, streamed, error_kind)
ON CONFLICT (row_id) DO NOTHING`;

export function columns(rows: UsageRecord[]): unknown[][] {
  return [
    rows.map((r) => r.rowId),
    rows.map((r) => r.requestId),
    rows.map((r) => r.correlationId ?? null),
    rows.map((r) => JSON.stringify(r.tags ?? [])),
    rows.map((r) => r.unpriced === true),
    rows.map((r) => r.createdAt.toISOString()),
    rows.map((r) => r.apiKeyName),
    rows.map((r) => r.companyId),
    rows.map((r) => r.operation),
    rows.map((r) => r.route),
    rows.map((r) => r.provider),
    rows.map((r) => r.model),
    rows.map((r) => r.usage.input),
    rows.map((r) => r.usage.output),
    rows.map((r) => r.usage.cacheRead),
    rows.map((r) => r.usage.cacheWrite),
    rows.map((r) => r.usage.reasoning),
    rows.map((r) => r.costUsd),
    rows.map((r) => Math.round(r.latencyMs)),
    rows.map((r) => r.status),
    rows.map((r) => r.attempts),
    rows.map((r) => r.usedFallback),
    rows.map((r) => r.streamed),
    rows.map((r) => r.errorKind ?? null),
  ];
}
