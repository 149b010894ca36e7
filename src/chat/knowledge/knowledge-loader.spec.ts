import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isKnowledgeDocumentError, parseKnowledgeMarkdown } from './knowledge-document.parser';
import { loadKnowledgeDocuments } from './knowledge-loader';

const SAMPLE = `---
id: dte-ejemplo
title: "Anular: una factura"
module: dte
tags: [anulación, 'nota de crédito', CodRef 1]
---

Texto del **procedimiento**.
`;

describe(parseKnowledgeMarkdown.name, () => {
  it('reads front-matter fields, quoted values, tag lists and the trimmed body', () => {
    expect(parseKnowledgeMarkdown(SAMPLE)).toEqual({
      id: 'dte-ejemplo',
      module: 'dte',
      title: 'Anular: una factura',
      tags: ['anulación', 'nota de crédito', 'CodRef 1'],
      content: 'Texto del **procedimiento**.',
    });
  });

  it('accepts a document without tags', () => {
    expect(parseKnowledgeMarkdown('---\nid: a\ntitle: T\nmodule: m\n---\nCuerpo').tags).toEqual([]);
  });

  it.each([
    ['no front-matter', 'Solo texto', 'missing front-matter'],
    ['a missing title', '---\nid: a\nmodule: m\n---\nCuerpo', 'needs "title"'],
    ['an empty body', '---\nid: a\ntitle: T\nmodule: m\n---\n  \n', 'empty body'],
    ['a line without a key', '---\nid: a\ntitle: T\nmodule: m\nsuelto\n---\nCuerpo', 'without "key:"'],
  ])('rejects %s, naming the file', (_case, markdown, message) => {
    let caught: unknown;
    try {
      parseKnowledgeMarkdown(markdown, 'dte/x.md');
    } catch (error) {
      caught = error;
    }
    expect(isKnowledgeDocumentError(caught)).toBe(true);
    expect((caught as Error).message).toContain('dte/x.md');
    expect((caught as Error).message).toContain(message);
  });
});

describe(loadKnowledgeDocuments.name, () => {
  const documents = loadKnowledgeDocuments();

  it('ships at least six documents per plugin module', () => {
    const perModule = new Map<string, number>();
    for (const doc of documents) perModule.set(doc.module, (perModule.get(doc.module) ?? 0) + 1);
    for (const module of ['dte', 'payroll', 'stock', 'account']) {
      expect(perModule.get(module) ?? 0).toBeGreaterThanOrEqual(6);
    }
  });

  it('gives every bundled document a unique id, tags and a 150-400 word body', () => {
    expect(new Set(documents.map((doc) => doc.id)).size).toBe(documents.length);
    for (const doc of documents) {
      const words = doc.content.split(/\s+/).filter(Boolean).length;
      expect({ id: doc.id, ok: words >= 150 && words <= 400 && doc.tags.length > 0 }).toEqual({ id: doc.id, ok: true });
    }
  });

  function writeDocs(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path.split('/')[0]), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it('refuses a document filed under the wrong module folder', () => {
    const dir = writeDocs({ 'stock/x.md': '---\nid: a\ntitle: T\nmodule: dte\n---\nCuerpo' });
    expect(() => loadKnowledgeDocuments(dir)).toThrow('does not match folder "stock"');
  });

  it('refuses duplicate ids', () => {
    const dir = writeDocs({
      'dte/a.md': '---\nid: same\ntitle: A\nmodule: dte\n---\nUno',
      'dte/b.md': '---\nid: same\ntitle: B\nmodule: dte\n---\nDos',
    });
    expect(() => loadKnowledgeDocuments(dir)).toThrow('duplicate id "same"');
  });
});
