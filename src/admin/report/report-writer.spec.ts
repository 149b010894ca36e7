import { reportCsv, reportJson, usageCsv } from './report-writer';
import type { UsageExportRow, UsageGroup as ReportRow } from 'src/usage';
import type { ReportQuery } from './report-query';

const query: ReportQuery = { fromDay: '2024-02-01', toDay: '2024-02-29', from: new Date('2024-02-01T00:00:00Z'), toExclusive: new Date('2024-03-01T00:00:00Z'), groupBy: 'provider', format: 'csv' };

const row = (key: string, costUsd: string, requests = 1): ReportRow => ({ key, requests, inputTokens: 10 * requests, outputTokens: 5 * requests, cacheReadTokens: 0, cacheWriteTokens: 1, costUsd });

async function* batches<T>(...groups: T[][]): AsyncGenerator<T[]> {
  for (const group of groups) yield group;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('report-writer', () => {
  describe(reportCsv.name, () => {
    it('writes a header, the rows across batches and a total equal to their exact sum', async () => {
      const text = await collect(reportCsv(query, batches([row('anthropic', '0.000000375000', 2)], [row('openai, "eu"', '1.100000000000')])));
      expect(text).toBe(
        '"provider","requests","input_tokens","output_tokens","cache_read_tokens","cache_write_tokens","cost_usd"\r\n' +
          '"anthropic",2,20,10,0,1,0.000000375000\r\n' +
          '"openai, ""eu""",1,10,5,0,1,1.100000000000\r\n' +
          '"TOTAL",3,30,15,0,2,1.100000375000\r\n',
      );
    });

    it('still writes the header and a zero total without rows', async () => {
      const text = await collect(reportCsv({ ...query, groupBy: 'day' }, batches<ReportRow>()));
      expect(text.split('\r\n')).toEqual(['"date","requests","input_tokens","output_tokens","cache_read_tokens","cache_write_tokens","cost_usd"', '"TOTAL",0,0,0,0,0,0.000000000000', '']);
    });
  });

  describe(reportJson.name, () => {
    it('streams valid JSON whose totals are the sum of its rows', async () => {
      const body = JSON.parse(await collect(reportJson(query, batches([row('a', '0.1')], [row('b', '0.2'), row('c', '0.000000000001')]))));
      expect(body.rows.map((r: ReportRow) => r.key)).toEqual(['a', 'b', 'c']);
      expect(body.totals).toEqual({ requests: 3, inputTokens: 30, outputTokens: 15, cacheReadTokens: 0, cacheWriteTokens: 3, costUsd: '0.300000000001' });
      expect(body).toMatchObject({ from: '2024-02-01', to: '2024-02-29', groupBy: 'provider', currency: 'USD' });
    });
  });

  describe(usageCsv.name, () => {
    it('writes ISO timestamps, empty cells for nulls and quoted text', async () => {
      const usage: UsageExportRow = {
        id: 1n,
        createdAt: new Date('2024-02-03T04:05:06.789Z'),
        requestId: 'req-1',
        apiKeyName: 'odoo',
        companyId: null,
        operation: 'dte.validate',
        route: '/api/ai/validate',
        provider: 'anthropic',
        model: 'claude',
        inputTokens: 1,
        outputTokens: 2,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        costUsd: '0.000000375000',
        latencyMs: 120,
        status: 'success',
        attempts: 1,
        usedFallback: false,
        streamed: true,
        errorKind: null,
        correlationId: 'odoo-42',
        tags: ['cierre', 'dte'],
        unpriced: true,
      };
      const lines = (await collect(usageCsv(batches([usage])))).split('\r\n');
      expect(lines[0].startsWith('"created_at","request_id","api_key","company_id"')).toBe(true);
      expect(lines[1]).toBe(
        '"2024-02-03T04:05:06.789Z","req-1","odoo",,"dte.validate","/api/ai/validate","anthropic","claude",1,2,0,0,0,0.000000375000,120,"success",1,false,true,"","odoo-42","cierre;dte",true',
      );
      expect(lines).toHaveLength(3);
    });
  });
});
