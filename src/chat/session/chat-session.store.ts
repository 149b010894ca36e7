import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from 'src/config';
import { KvStore } from 'src/infra/redis';
import type { ChatSession } from './chat-session';

/** A loaded session and the seconds left before it expires. */
export interface LoadedChatSession {
  session: ChatSession;
  ttlSeconds: number;
}

const KEY_PREFIX = 'chat:session';
const LOCK_PREFIX = 'chat:session-lock';
/** A save holds the session's lock this long at most (it only reads and writes one key). */
const LOCK_TTL_MS = 5_000;
const LOCK_RETRY_MS = 20;
/** After this long without the lock the save goes ahead unlocked: an answer is never lost to a stuck lock. */
const LOCK_WAIT_MS = 2_000;

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
    const session = raw === null ? null : this.parseOwn(raw, ownerKey, id);
    if (!session) return null;
    await this.kv.expire(key, this.ttlMs);
    return { session, ttlSeconds: Math.round(this.ttlMs / 1000) };
  }

  /** Writes the session and restarts its expiry. */
  async save(session: ChatSession): Promise<void> {
    await this.kv.set(this.key(session.ownerKey, session.id), JSON.stringify(session), this.ttlMs);
  }

  /**
   * Applies `change` to the latest stored copy of the session and saves it, one writer at a time per session (a lock in
   * the shared store), so two answers finishing together for one session both keep their turn. When nothing is stored
   * (new or just expired) `change` gets the caller's copy.
   */
  async update(session: ChatSession, change: (latest: ChatSession) => ChatSession): Promise<ChatSession> {
    const key = this.key(session.ownerKey, session.id);
    const lockKey = `${LOCK_PREFIX}:${encodeURIComponent(session.ownerKey)}:${session.id}`;
    const token = randomUUID();
    const locked = await this.acquire(lockKey, token);
    try {
      const raw = await this.kv.get(key);
      const latest = (raw === null ? null : this.parseOwn(raw, session.ownerKey, session.id)) ?? session;
      const updated = change(latest);
      await this.save(updated);
      return updated;
    } finally {
      if (locked) await this.kv.delIfEquals(lockKey, token).catch(() => false);
    }
  }

  private async acquire(lockKey: string, token: string): Promise<boolean> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      if (await this.kv.setIfAbsent(lockKey, token, LOCK_TTL_MS)) return true;
      if (Date.now() >= deadline) return false;
      await sleep(LOCK_RETRY_MS);
    }
  }

  /** The stored session when `raw` parses and belongs to that owner and id; null otherwise. */
  private parseOwn(raw: string, ownerKey: string, id: string): ChatSession | null {
    try {
      const stored = JSON.parse(raw) as ChatSession;
      return stored.ownerKey === ownerKey && stored.id === id ? stored : null;
    } catch {
      return null;
    }
  }

  /** Deletes the owner's session; false when there was none. */
  async remove(ownerKey: string, id: string): Promise<boolean> {
    const key = this.key(ownerKey, id);
    const existed = (await this.kv.ttlMs(key)) !== -2;
    await this.kv.del(key);
    return existed;
  }
}
