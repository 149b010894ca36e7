import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from 'src/config';
import { KvStore } from 'src/infra/redis';
import type { CallerIdentity } from '../llm.types';
import type { ChatBody } from '../providers/provider';

/** Fields that do not change an answer's content (how it is delivered, or who is billed). */
const DELIVERY_FIELDS = new Set(['stream', 'stream_options', 'user', 'metadata', 'store']);

function hasToolsOrImages(body: ChatBody): boolean {
  if (body.tools || body.functions) return true;
  return body.messages.some((m) => Array.isArray(m.content) && (m.content as { type?: string }[]).some((p) => p?.type !== 'text'));
}

/**
 * Answers to deterministic requests (temperature 0), keyed by the caller's scope (key and company), the model
 * and every field that changes the answer, so one tenant never reads another's answer and a request with a
 * different seed, stop or tool list is never served another's.
 */
@Injectable()
export class ResponseCache {
  constructor(
    private readonly kv: KvStore,
    private readonly config: AppConfig,
  ) {}

  /** The key for this request, or undefined when it must not be cached. */
  keyFor(body: ChatBody, model: string, caller: CallerIdentity, enabled: boolean): string | undefined {
    if (!enabled || body.temperature !== 0 || this.config.llm.responseCacheTtlSeconds <= 0 || (body.n ?? 1) !== 1) return undefined;
    if (!this.config.llm.responseCacheTools && hasToolsOrImages(body)) return undefined;
    const material: Record<string, unknown> = {};
    for (const key of Object.keys(body).sort()) if (!DELIVERY_FIELDS.has(key)) material[key] = body[key];
    const scope = `${caller.apiKeyName}\u0000${caller.companyId ?? ''}`;
    return `llm-cache:${createHash('sha256').update(scope).update('\u0000').update(model).update('\u0000').update(JSON.stringify(material)).digest('hex')}`;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const hit = await this.kv.get(key).catch(() => null);
    return hit ? (JSON.parse(hit) as T) : undefined;
  }

  set(key: string, value: unknown, ttlSeconds = this.config.llm.responseCacheTtlSeconds): void {
    void this.kv.set(key, JSON.stringify(value), Math.min(ttlSeconds, this.config.llm.responseCacheTtlSeconds) * 1000).catch(() => undefined);
  }
}
