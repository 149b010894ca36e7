import { Injectable } from '@nestjs/common';
import { PrismaService, SqlClient } from 'src/infra/database';
import type { KnowledgeDocumentRecord } from './knowledge-document.parser';
import { KNOWLEDGE_SEARCH_SQL, knowledgeSearchParams, type KnowledgeSearchRow } from './knowledge-search.sql';

/** `updated_by` of documents seeded from the bundled Markdown; anything else was written through the admin API. */
export const BUNDLED_AUTHOR = 'bundled';

// Seeding never overwrites a document an admin replaced, never brings back one an admin deleted, and rewrites a
// bundled one only when it changed, so replicas starting together just race on identical row locks.
// One statement for all of them (a round trip each cost ~5 ms of every start), rows in id order so concurrent
// seeders lock them in the same order.
const UPSERT_BUNDLED_SQL = `
INSERT INTO knowledge_documents (id, module, title, tags, content, updated_by, updated_at)
SELECT d.id, d.module, d.title, ARRAY(SELECT jsonb_array_elements_text(d.tags)), d.content, '${BUNDLED_AUTHOR}', now()
FROM jsonb_to_recordset($1::jsonb) AS d(id text, module text, title text, tags jsonb, content text)
WHERE NOT EXISTS (SELECT 1 FROM knowledge_deletions WHERE knowledge_deletions.id = d.id)
ORDER BY d.id
ON CONFLICT (id) DO UPDATE
  SET module = EXCLUDED.module, title = EXCLUDED.title, tags = EXCLUDED.tags, content = EXCLUDED.content, updated_at = now()
  WHERE knowledge_documents.updated_by = '${BUNDLED_AUTHOR}'
    AND (knowledge_documents.module, knowledge_documents.title, knowledge_documents.tags, knowledge_documents.content)
        IS DISTINCT FROM (EXCLUDED.module, EXCLUDED.title, EXCLUDED.tags, EXCLUDED.content)`;

const PUT_SQL = `
INSERT INTO knowledge_documents (id, module, title, tags, content, updated_by, updated_at)
VALUES ($1, $2, $3, $4::text[], $5, $6, now())
ON CONFLICT (id) DO UPDATE
  SET module = EXCLUDED.module, title = EXCLUDED.title, tags = EXCLUDED.tags, content = EXCLUDED.content,
      updated_by = EXCLUDED.updated_by, updated_at = now()
RETURNING (xmax = 0) AS inserted`;

/** The `knowledge_documents` table: seeding, admin writes and the ranked full-text search. */
@Injectable()
export class KnowledgeRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlClient,
  ) {}

  /** Inserts or refreshes bundled documents; returns rows written. Plain `pg`: it runs at every start. */
  async seedBundled(documents: readonly KnowledgeDocumentRecord[]): Promise<number> {
    if (documents.length === 0) return 0;
    const rows = documents.map(({ id, module, title, tags, content }) => ({ id, module, title, tags, content }));
    return this.sql.execute(UPSERT_BUNDLED_SQL, [JSON.stringify(rows)]);
  }

  /** Adds or replaces one document (lifting an earlier deletion of that id); true when it was new. */
  async put(doc: KnowledgeDocumentRecord, author: string): Promise<boolean> {
    const [, rows] = await this.prisma.$transaction([
      this.prisma.knowledgeDeletion.deleteMany({ where: { id: doc.id } }),
      this.prisma.$queryRawUnsafe<{ inserted: boolean }[]>(PUT_SQL, doc.id, doc.module, doc.title, doc.tags, doc.content, author),
    ]);
    return rows[0]?.inserted === true;
  }

  /** Deletes one document and remembers the deletion, so a bundled document stays deleted across restarts; false when there was none. */
  async remove(id: string, author: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.knowledgeDocument.deleteMany({ where: { id } });
      if (count === 0) return false;
      await tx.knowledgeDeletion.upsert({ where: { id }, create: { id, deletedBy: author }, update: { deletedBy: author, deletedAt: new Date() } });
      return true;
    });
  }

  /** Best matches for free text, optionally within one module, best first. */
  async search(query: string, module: string | null, limit: number): Promise<KnowledgeSearchRow[]> {
    return this.prisma.$queryRawUnsafe<KnowledgeSearchRow[]>(KNOWLEDGE_SEARCH_SQL, ...knowledgeSearchParams(query, module, limit));
  }

  /** How many documents the knowledge base holds. */
  async count(): Promise<number> {
    return this.prisma.knowledgeDocument.count();
  }
}
