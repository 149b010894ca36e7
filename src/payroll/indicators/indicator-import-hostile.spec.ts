import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIndicatorImport } from './indicator-import';
import { loadShippedIndicators } from './shipped-indicators';

type Path = (string | number)[];

/** JSON values that break naive code: objects whose toString/valueOf are not functions, nested arrays, junk scalars. */
const HOSTILE = ['{"toString":1}', '{"valueOf":null,"toString":null}', '[{"toString":1}]', '[[1]]', '{}', '[]', 'null', '"x"', '1e308', '-1', 'true'];

function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 5 || value === null || typeof value !== 'object') return [prefix];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...children.flatMap(([k, v]) => pathsOf(v, [...prefix, k], depth + 1))];
}

/** JSON text of `doc` with the value at `path` replaced by the raw JSON `raw`. */
function replaced(doc: unknown, path: Path, raw: string): string {
  const mark = '\u0001HOSTILE\u0001';
  const copy = structuredClone(doc) as any;
  if (path.length === 0) return raw;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = mark;
  return JSON.stringify(copy).replace(JSON.stringify(mark), raw);
}

describe('parseIndicatorImport with hostile JSON values', () => {
  const stored = [...loadShippedIndicators().values()].slice(0, 1);
  const research = JSON.parse(readFileSync(join(__dirname, 'payroll-cl.json'), 'utf8'));
  research.months = research.months.slice(0, 1);

  it.each([
    ['stored sets', stored],
    ['the research format', research],
  ])('never throws and reports a plain problem for any value at any place of %s', (_name, doc) => {
    const thrown: string[] = [];
    for (const path of pathsOf(doc)) {
      for (const raw of HOSTILE) {
        try {
          const result = parseIndicatorImport(replaced(doc, path, raw), 'json');
          if (!result.ok) for (const e of result.errors) expect(typeof e.message).toBe('string');
        } catch (error) {
          thrown.push(`${path.join('.')} = ${raw}: ${(error as Error).message}`);
        }
      }
    }
    expect(thrown).toEqual([]);
  });

  it('rejects a NUL or another control character in either format, which Postgres could not store', () => {
    const csv = readFileSync(join(__dirname, '../../../test/fixtures/payroll/indicators-import.csv'), 'utf8');
    expect(parseIndicatorImport(csv, 'csv').ok).toBe(true);
    for (const bad of ['Previred\u0000', 'Previred\u001b[0m']) {
      const result = parseIndicatorImport(csv.replace('Previred', bad), 'csv');
      expect(!result.ok && result.errors).toEqual([{ field: '(file)', message: expect.stringMatching(/control character/) }]);
    }
    const withNulSource = replaced(stored, [0, 'uf', 'source'], '"SII\\u0000"');
    expect(withNulSource).toContain('\\u0000');
    const result = parseIndicatorImport(withNulSource, 'json');
    expect(!result.ok && result.errors).toEqual([{ field: '(file)', message: expect.stringMatching(/control character/) }]);
  });

  it('survives JSON nested thousands of levels deep', () => {
    expect(parseIndicatorImport(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'json').ok).toBe(false);
  });
});
