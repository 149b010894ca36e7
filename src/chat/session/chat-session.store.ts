import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config';
import { KvStore } from 'src/infra/redis';
import type { ChatSession } from './chat-session';

/** A loaded session and the seconds left before it expires. */
export interface LoadedChatSession {
  session: ChatSession;
  ttlSeconds: number;
}

const KEY_PREFIX = 'chat:session';

/**
 * Chat sessions in the shared key-value store (Redis across replicas), one JSON value per session. The key includes
 * the owning API key name, so another key cannot even address the session. Every read and write renews the sliding
 * expiry (config.chat.sessionTtlSeconds).
 */
@Injectable()
export class ChatSessionStore {
  private readonly ttlMs: number;

  constructor(
    private readonly kv: KvStore,
    config: AppConfig,
  ) {
    this.ttlMs = config.chat.sessionTtlSeconds * 1000;
  }

  private key(ownerKey: string, id: string): string {
    return `${KEY_PREFIX}:${encodeURIComponent(ownerKey)}:${id}`;
  }

  /** The session of that owner, renewing its expiry; null when absent, expired or not theirs. */
  async load(ownerKey: string, id: string): Promise<LoadedChatSession | null> {
    const key = this.key(ownerKey, id);
    const raw = await this.kv.get(key);
    if (raw === null) return null;
    let session: ChatSession;
    try {
      session = JSON.parse(raw) as ChatSession;
    } catch {
      return null;
    }
    if (session.ownerKey !== ownerKey || session.id !== id) return null;
    await this.kv.expire(key, this.ttlMs);
    return { session, ttlSeconds: Math.round(this.ttlMs / 1000) };
  }

  /** Writes the session and restarts its expiry. */
  async save(session: ChatSession): Promise<void> {
    await this.kv.set(this.key(session.ownerKey, session.id), JSON.stringify(session), this.ttlMs);
  }

  /** Deletes the owner's session; false when there was none. */
  async remove(ownerKey: string, id: string): Promise<boolean> {
    const key = this.key(ownerKey, id);
    const existed = (await this.kv.ttlMs(key)) !== -2;
    await this.kv.del(key);
    return existed;
  }

  /** Seconds a fresh or renewed session lives. */
  ttlSeconds(): number {
    return Math.round(this.ttlMs / 1000);
  }
}
