import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KnowledgeDocumentError, parseKnowledgeMarkdown, type KnowledgeDocumentRecord } from './knowledge-document.parser';

export { parseKnowledgeMarkdown, type KnowledgeDocumentRecord } from './knowledge-document.parser';

/** Where the bundled Markdown lives: beside this file (ts-node, or dist when assets are copied) or in the source tree. */
export function defaultKnowledgeDocsDir(): string {
  const candidates = [resolve(__dirname, 'docs'), resolve('src/chat/knowledge/docs')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

/**
 * Reads `<dir>/<module>/<slug>.md`, sorted by path, and parses each file; the folder must equal the front-matter
 * module and ids must be unique.
 */
export function loadKnowledgeDocuments(dir = defaultKnowledgeDocsDir()): KnowledgeDocumentRecord[] {
  const records: KnowledgeDocumentRecord[] = [];
  const seen = new Set<string>();
  const modules = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const module of modules) {
    const files = readdirSync(join(dir, module))
      .filter((name) => name.endsWith('.md'))
      .sort();
    for (const file of files) {
      const source = `${module}/${file}`;
      const record = parseKnowledgeMarkdown(readFileSync(join(dir, module, file), 'utf8'), source);
      if (record.module !== module) {
        throw new KnowledgeDocumentError(source, `module "${record.module}" does not match folder "${module}"`);
      }
      if (seen.has(record.id)) throw new KnowledgeDocumentError(source, `duplicate id "${record.id}"`);
      seen.add(record.id);
      records.push(record);
    }
  }
  return records;
}
