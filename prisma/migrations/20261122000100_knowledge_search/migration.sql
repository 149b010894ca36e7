-- Accent-insensitive Spanish full-text search over knowledge_documents.
-- Needs the unaccent extension (Debian postgresql contrib; in PGlite load @electric-sql/pglite/contrib/unaccent).
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Lowercase, strip accents, then put back the accent of the "-ción/-sión" family: the Spanish Snowball stemmer only
-- recognises those suffixes when accented, so "liquidacion" and "liquidaciones" would otherwise get different stems.
-- unaccent() itself is only STABLE; naming the dictionary makes this wrapper safe to declare IMMUTABLE.
CREATE OR REPLACE FUNCTION knowledge_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT regexp_replace(public.unaccent('public.unaccent'::regdictionary, lower(input)), '([a-z])ion\M', '\1ión', 'g')
$$;

-- Weighted document vector: title (A) > tags (B) > content (C).
CREATE OR REPLACE FUNCTION knowledge_document_tsv(title text, tags text[], content text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT setweight(to_tsvector('spanish'::regconfig, public.knowledge_fold(coalesce(title, ''))), 'A')
      || setweight(to_tsvector('spanish'::regconfig, public.knowledge_fold(coalesce(array_to_string(tags, ' '), ''))), 'B')
      || setweight(to_tsvector('spanish'::regconfig, public.knowledge_fold(coalesce(content, ''))), 'C')
$$;

-- Any-word prefix query from free text ("anular factura" -> 'anul':* | 'factur':*); NULL when no word survives stemming.
CREATE OR REPLACE FUNCTION knowledge_query(input text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT to_tsquery('simple'::regconfig, string_agg(quote_literal(lexeme) || ':*', ' | '))
  FROM unnest(to_tsvector('spanish'::regconfig, public.knowledge_fold(input)))
$$;

CREATE INDEX "knowledge_documents_search_idx" ON "knowledge_documents"
  USING GIN (knowledge_document_tsv("title", "tags", "content"));
