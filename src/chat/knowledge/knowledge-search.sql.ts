import { CONTROL_CHARACTERS } from 'src/common/text/control-characters';

/**
 * Ranked knowledge search, for `prisma.$queryRawUnsafe(KNOWLEDGE_SEARCH_SQL, query, module, limit)`:
 * `$1` free text, `$2` module or null for all, `$3` row limit. Matches any stemmed word (prefixes too) with accents
 * ignored, ranks by ts_rank over title > tags > content; when the text has no searchable word (only stopwords or
 * symbols) it falls back to a plain substring match. Needs migration 20261122000100_knowledge_search.
 */
export const KNOWLEDGE_SEARCH_SQL = `
WITH input AS (
  SELECT public.knowledge_query(coalesce($1::text, '')) AS query,
         replace(replace(replace(public.knowledge_fold(btrim(coalesce($1::text, ''))), '\\', '\\\\'), '%', '\\%'), '_', '\\_') AS pattern
)
SELECT d.id, d.module, d.title, d.tags, d.content,
       CASE WHEN input.query IS NULL THEN 0
            ELSE ts_rank(public.knowledge_document_tsv(d.title, d.tags, d.content), input.query, 1) END::float8 AS rank
FROM knowledge_documents d CROSS JOIN input
WHERE ($2::text IS NULL OR d.module = $2::text)
  AND (
    (input.query IS NOT NULL AND public.knowledge_document_tsv(d.title, d.tags, d.content) @@ input.query)
    OR (input.query IS NULL AND input.pattern <> ''
        AND public.knowledge_fold(d.title || ' ' || d.content) LIKE '%' || input.pattern || '%')
  )
ORDER BY rank DESC, d.title ASC
LIMIT $3::int`;

/** One row returned by KNOWLEDGE_SEARCH_SQL. */
export interface KnowledgeSearchRow {
  id: string;
  module: string;
  title: string;
  tags: string[];
  content: string;
  rank: number;
}

/**
 * Parameters in the order KNOWLEDGE_SEARCH_SQL expects them; control characters (NUL, which Postgres text rejects,
 * among them) become spaces and the limit is clamped to 1..50.
 */
export function knowledgeSearchParams(query: string, module: string | null, limit: number): [string, string | null, number] {
  const safeLimit = Math.min(50, Math.max(1, Math.trunc(Number.isFinite(limit) ? limit : 3)));
  return [query.replace(CONTROL_CHARACTERS, ' '), module, safeLimit];
}
