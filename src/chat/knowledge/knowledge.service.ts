import { BadRequestException, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import type { KnowledgePassage } from '../chat-prompt';
import { KNOWLEDGE_SEARCH_DEFAULT_TOP_K } from '../chat.constants';
import type { KnowledgeSearchResponseDto, PutKnowledgeDocumentDto, PutKnowledgeDocumentResponseDto } from '../dto';
import { KNOWLEDGE_ID_PATTERN } from '../dto/knowledge-document.dto';
import { loadKnowledgeDocuments } from './knowledge-loader';
import { KnowledgeRepository } from './knowledge.repository';

/** Throws a 400 unless `id` is a well-formed knowledge document id (checked before it reaches a query). */
function assertKnowledgeId(id: string): void {
  if (!KNOWLEDGE_ID_PATTERN.test(id)) {
    throw new BadRequestException('The document id must be lowercase letters, digits, "-" or "_" (at most 100 characters)');
  }
}

/** The chat knowledge base: bundled documents seeded at start-up, admin edits, and passage search. */
@Injectable()
export class KnowledgeService implements OnModuleInit {
  private readonly logger = new Logger(KnowledgeService.name);

  constructor(private readonly repository: KnowledgeRepository) {}

  /** Seeds the bundled Markdown documents (idempotent; safe when several replicas start together). */
  async onModuleInit(): Promise<void> {
    const documents = loadKnowledgeDocuments();
    const written = await this.repository.seedBundled(documents);
    this.logger.log(`knowledge base: ${documents.length} bundled documents, ${written} inserted or refreshed`);
  }

  /** Search answer for GET /api/chat/knowledge/search. */
  async search(query: string, topK = KNOWLEDGE_SEARCH_DEFAULT_TOP_K, module: string | null = null): Promise<KnowledgeSearchResponseDto> {
    const rows = await this.repository.search(query, module, topK);
    return {
      query,
      results_found: rows.length,
      results: rows.map(({ id, title, module: docModule, tags, content }) => ({ id, title, module: docModule, tags, content })),
    };
  }

  /** The best passages of one module for a question (what a chat turn puts in its prompt). */
  async passages(query: string, module: string, topK = KNOWLEDGE_SEARCH_DEFAULT_TOP_K): Promise<KnowledgePassage[]> {
    const rows = await this.repository.search(query, module, topK);
    return rows.map(({ id, title, module: docModule, content }) => ({ id, title, module: docModule, content }));
  }

  /** Adds or replaces a document without a release; `author` is the admin key name. */
  async put(id: string, body: PutKnowledgeDocumentDto, author: string): Promise<PutKnowledgeDocumentResponseDto> {
    assertKnowledgeId(id);
    if (body.id !== undefined && body.id !== id) throw new BadRequestException(`The body id "${body.id}" differs from the path id "${id}"`);
    const created = await this.repository.put({ id, module: body.module, title: body.title.trim(), tags: body.tags ?? [], content: body.content.trim() }, author);
    return { status: created ? 'created' : 'replaced', id };
  }

  /** Deletes a document for good (a bundled one is not re-seeded at restart); 404 when there is none. */
  async remove(id: string, author: string): Promise<{ status: 'deleted'; id: string }> {
    assertKnowledgeId(id);
    if (!(await this.repository.remove(id, author))) throw new NotFoundException(`No knowledge document "${id}"`);
    return { status: 'deleted', id };
  }

  /** The /health entry: up with at least one document, empty otherwise. */
  async health(): Promise<{ status: string; documents_count: number }> {
    const count = await this.repository.count();
    return { status: count > 0 ? 'up' : 'empty', documents_count: count };
  }
}
