import { usageRow } from 'test/fixtures/usage/usage-row';
import { batchParameter, isoTime, usageRowBuffer } from './usage-insert';

const usageRowJson = (r: Parameters<typeof usageRowBuffer>[0]) => usageRowBuffer(r).toString('utf8');

describe('batchParameter', () => {
  it('joins the rows into one JSON array of their INSERT_BATCH objects, bytes intact', () => {
    const rows = [usageRow('a'), Object.assign(usageRow('b'), { model: 'modelo-ñandú-€', tags: ['факт', 'boleta'] })];
    const parsed = JSON.parse(batchParameter(rows.map((r) => usageRowBuffer(r))).toString('utf8')) as Record<string, unknown>[];
    expect(parsed.map((r) => r.row_id)).toEqual(['a', 'b']);
    expect(parsed[1]).toMatchObject({ model: 'modelo-ñandú-€', tags: ['факт', 'boleta'], cost_usd: rows[1].costUsd });
  });

  it('writes each field as JSON.stringify would, escapes and absent values included', () => {
    const base = usageRow('c');
    const records = [
      base,
      Object.assign(usageRow('d'), { correlationId: 'odoo "42"\n\u0001', tags: ['a\\b'], unpriced: true, companyId: 7, errorKind: 'timeout', status: 'error' as const }),
      Object.assign(usageRow('e'), { usage: Object.assign({}, base.usage, { input: Number.NaN }), latencyMs: 12.6 }),
      Object.assign(usageRow('f'), { correlationId: 'boleta 🧾 y \ud800 sola', tags: ['uno', 'dos', 'tres'], model: 'ñ'.repeat(5_000) }),
      Object.assign(usageRow('f2'), { model: 'x'.repeat(70_000) }), // plain text longer than a slab
      usageRow('g'), // after a row larger than the scratch buffer: nothing of it is left over
    ];
    for (const r of records) {
      const expected = {
        row_id: r.rowId,
        request_id: r.requestId,
        correlation_id: r.correlationId ?? null,
        tags: r.tags ?? [],
        unpriced: r.unpriced === true,
        created_at: r.createdAt.toISOString(),
        api_key_name: r.apiKeyName,
        company_id: r.companyId,
        operation: r.operation,
        route: r.route,
        provider: r.provider,
        model: r.model,
        input_tokens: r.usage.input,
        output_tokens: r.usage.output,
        cache_read_tokens: r.usage.cacheRead,
        cache_write_tokens: r.usage.cacheWrite,
        reasoning_tokens: r.usage.reasoning,
        cost_usd: r.costUsd,
        latency_ms: Math.round(r.latencyMs),
        status: r.status,
        attempts: r.attempts,
        used_fallback: r.usedFallback,
        streamed: r.streamed,
        error_kind: r.errorKind ?? null,
      };
      expect(usageRowJson(r)).toBe(JSON.stringify(expected));
    }
  });

  it('keeps waiting rows intact in slabs of their own, never in memory shared with anything else', () => {
    const rows = Array.from({ length: 300 }, (_, i) => Object.assign(usageRow(`row-${i}`), { model: `modelo-ñandú-${'x'.repeat(i * 3)}` }));
    const written = rows.map((r) => usageRowBuffer(r)); // ~300 KB: several slabs, rows cut at slab ends
    written.forEach((row, i) => expect(JSON.parse(row.toString('utf8'))).toMatchObject({ row_id: rows[i].rowId, model: rows[i].model }));
    const slabs = new Set(written.map((row) => row.buffer));
    const bytes = written.reduce((sum, row) => sum + row.length, 0);
    for (const slab of slabs) expect(slab.byteLength).toBeGreaterThanOrEqual(64 * 1024); // not Node's shared 8 KB pool
    expect(slabs.size).toBeLessThanOrEqual(Math.ceil(bytes / (64 * 1024)) + 1);
  });

  it('starts every row afresh, even after a row that failed halfway', () => {
    expect(() => usageRowBuffer(Object.assign(usageRow('h'), { createdAt: new Date(Number.NaN) }))).toThrow(RangeError);
    expect(JSON.parse(usageRowJson(usageRow('i')))).toMatchObject({ row_id: 'i' });
  });

  it('is an empty array for no rows', () => {
    expect(batchParameter([]).toString('utf8')).toBe('[]');
  });
});

describe('isoTime', () => {
  it('writes what toISOString writes, for times in one second, across seconds and outside the kept range', () => {
    const start = Date.UTC(2026, 11, 7, 16, 59, 59, 0);
    const times = [0, 7, 42, 999, 1000, 1003, 61_010, 86_400_000].map((offset) => start + offset);
    times.push(-1, -1500, 0, Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10_000, 0, 1, 0, 0, 0, 5), start, start - 1);
    for (const ms of times) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
