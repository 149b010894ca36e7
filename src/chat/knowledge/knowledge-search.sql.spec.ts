import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from 'test/fixtures/sii/test-database';
import { loadKnowledgeDocuments } from './knowledge-loader';
import { KNOWLEDGE_SEARCH_SQL, knowledgeSearchParams, type KnowledgeSearchRow } from './knowledge-search.sql';

describe('KNOWLEDGE_SEARCH_SQL', () => {
  let database: TestDatabase;
  let db: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    for (const doc of loadKnowledgeDocuments()) {
      await db.query('INSERT INTO knowledge_documents (id, module, title, tags, content, updated_by) VALUES ($1, $2, $3, $4, $5, $6)', [doc.id, doc.module, doc.title, doc.tags, doc.content, 'spec']);
    }
  }, 60_000); // Without TEST_DATABASE_URL an embedded PGlite starts: about 5 s on an idle machine.

  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  const search = (query: string, module: string | null, limit = 3) => db.query<KnowledgeSearchRow>(KNOWLEDGE_SEARCH_SQL, knowledgeSearchParams(query, module, limit)).then((result) => result.rows);

  it.each([
    ['anular factura', 'dte', 'dte-anular-factura'],
    ['anulación de facturas', 'dte', 'dte-anular-factura'],
    ['ANULACION DE FACTURAS', 'dte', 'dte-anular-factura'],
    ['caf vencido', 'dte', 'dte-caf-folios'],
    ['liquidacion', 'payroll', 'payroll-conceptos-liquidacion'],
    ['liquidaciones', 'payroll', 'payroll-conceptos-liquidacion'],
    ['gratificacion legal tope', 'payroll', 'payroll-gratificacion-legal'],
    ['cesantia plazo fijo', 'payroll', 'payroll-seguro-cesantia'],
    ['inventario ajustes', 'stock', 'stock-ajustes-inventario'],
    ['ajuste de inventario', 'stock', 'stock-ajustes-inventario'],
    ['conciliacion bancaria cartola', 'account', 'account-conciliacion-bancaria'],
    ['declaracion iva f29', 'account', 'account-iva-f29'],
  ])('"%s" in %s finds %s first', async (query, module, expectedId) => {
    const rows = await search(query, module);
    expect(rows[0]?.id).toBe(expectedId);
    expect(rows.every((row) => row.module === module)).toBe(true);
  });

  it('searches every module when the module is null and honours the limit', async () => {
    const rows = await search('nota de credito', null, 5);
    expect(rows.length).toBe(5);
    expect(new Set(rows.map((row) => row.module)).size).toBeGreaterThan(1);
    expect(rows.map((row) => row.rank)).toEqual([...rows.map((row) => row.rank)].sort((a, b) => b - a));
  });

  it('matches a word prefix', async () => {
    expect((await search('grati', 'payroll'))[0]?.id).toBe('payroll-gratificacion-legal');
  });

  it('falls back to a substring match when only stopwords remain', async () => {
    const rows = await search('de la', 'account', 10);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.rank === 0)).toBe(true);
  });

  it('returns nothing for blank text or an unknown word', async () => {
    expect(await search('   ', null)).toEqual([]);
    expect(await search('xylofonía', null)).toEqual([]);
  });

  it('turns control characters (NUL, which Postgres text rejects) into spaces before searching', async () => {
    expect(knowledgeSearchParams('anular\u0000factura\u001b', null, 3)[0]).toBe('anular factura ');
    expect((await search('anular\u0000factura', 'dte'))[0]?.id).toBe('dte-anular-factura');
  });

  it('treats LIKE wildcards in the text literally', async () => {
    // Unescaped, '%¿%?%' would match "¿Y si la factura fue rechazada?" in the DTE documents.
    expect(await search('¿%?', 'dte')).toEqual([]);
    expect((await search('%', 'payroll')).length).toBeGreaterThan(0);
  });
});
