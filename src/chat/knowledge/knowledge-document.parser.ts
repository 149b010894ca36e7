/** A knowledge-base passage as stored in `knowledge_documents`. */
export interface KnowledgeDocumentRecord {
  id: string;
  module: string;
  title: string;
  tags: string[];
  content: string;
}

/** Thrown when a knowledge Markdown file lacks or mangles its front-matter. */
export class KnowledgeDocumentError extends Error {
  readonly kind = 'knowledge_document_invalid';
  constructor(source: string, reason: string) {
    super(`${source}: ${reason}`);
    this.name = 'KnowledgeDocumentError';
  }
}

/** True when the error came from parseKnowledgeMarkdown. */
export function isKnowledgeDocumentError(error: unknown): error is KnowledgeDocumentError {
  return error instanceof KnowledgeDocumentError;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const REQUIRED_KEYS = ['id', 'title', 'module'] as const;

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return quoted ? quoted[2] : trimmed;
}

function parseTags(value: string): string[] {
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner
    .split(',')
    .map(unquote)
    .filter((tag) => tag.length > 0);
}

/**
 * Parses one Markdown file with a `---` front-matter of `key: value` lines (id, title, module, tags as `[a, b]`)
 * into a record; `source` only names the file in errors.
 */
export function parseKnowledgeMarkdown(markdown: string, source = 'knowledge document'): KnowledgeDocumentRecord {
  const match = FRONT_MATTER.exec(markdown.replace(/^\uFEFF/, ''));
  if (!match) throw new KnowledgeDocumentError(source, 'missing front-matter delimited by ---');
  const fields = new Map<string, string>();
  for (const line of match[1].split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const separator = line.indexOf(':');
    if (separator <= 0) throw new KnowledgeDocumentError(source, `front-matter line without "key:": ${line}`);
    fields.set(line.slice(0, separator).trim(), line.slice(separator + 1));
  }
  for (const key of REQUIRED_KEYS) {
    if (!unquote(fields.get(key) ?? '')) throw new KnowledgeDocumentError(source, `front-matter needs "${key}"`);
  }
  const content = match[2].trim();
  if (!content) throw new KnowledgeDocumentError(source, 'empty body');
  return {
    id: unquote(fields.get('id')!),
    module: unquote(fields.get('module')!),
    title: unquote(fields.get('title')!),
    tags: parseTags(fields.get('tags') ?? ''),
    content,
  };
}
