import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CallerDirectory, DirectoryLookup } from 'src/common/auth';
import { AppConfig } from 'src/config';
import { KvStore } from 'src/infra/redis';
import { keyState, previousSecretAccepted, type CompanyBudgetRecord, type KeyRecord } from './key-records';
import { KeysRepository } from './keys.repository';

/** Bumped on every change; replicas poll it in case they missed the broadcast. */
export const KEYS_VERSION_KEY = 'keys:version';
/** Broadcast on every change so replicas reload at once. */
export const KEYS_CHANGED_CHANNEL = 'keys:changed';

/**
 * Every replica's in-memory copy of the managed keys and company budgets. The auth guard and the caller
 * policy read it without a database round trip. A change made on any replica is broadcast through Redis
 * (reload at once) and also bumps a version that every replica polls every KEYS_REFRESH_MS, so a missed
 * message still takes effect within seconds. A failed reload keeps the last good copy.
 */
@Injectable()
export class KeyDirectory extends CallerDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeyDirectory.name);
  private byHash = new Map<string, KeyRecord>();
  private byName = new Map<string, KeyRecord>();
  private budgets = new Map<number, CompanyBudgetRecord>();
  private version: string | null = null;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private pending?: Promise<void>;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly repository: KeysRepository,
    private readonly kv: KvStore,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    await this.kv.subscribe(KEYS_CHANGED_CHANNEL, (version) => {
      if (version !== this.version) void this.reload();
    });
    this.timer = setInterval(() => void this.pollVersion(), this.config.keys.refreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  lookup(secretSha256Hex: string): DirectoryLookup {
    const key = this.byHash.get(secretSha256Hex);
    if (!key) return undefined;
    const now = new Date();
    // A rotated-out secret is a stranger once its grace period ends, whether or not a reload has happened since.
    if (secretSha256Hex !== key.secretHash && !previousSecretAccepted(key, now)) return undefined;
    const state = keyState(key, now);
    if (state !== 'active') return { status: state, keyName: key.name };
    return { status: 'active', caller: { keyName: key.name, companies: key.companies.length ? key.companies : null, isAdmin: false, keyId: key.id } };
  }

  /** The managed key of that name (names are unique across managed and environment keys). */
  key(name: string): KeyRecord | undefined {
    return this.byName.get(name);
  }

  keys(): KeyRecord[] {
    return [...this.byName.values()];
  }

  companyBudget(companyId: number): CompanyBudgetRecord | undefined {
    return this.budgets.get(companyId);
  }

  companyBudgets(): CompanyBudgetRecord[] {
    return [...this.budgets.values()];
  }

  /** Called after every reload (the budget gauges follow the budgets that exist). */
  onReload(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** After a change on this replica: reload here, then tell every other replica. */
  async changed(): Promise<void> {
    const version = String(await this.kv.incrBy(KEYS_VERSION_KEY, 1));
    await this.reload();
    await this.kv.publish(KEYS_CHANGED_CHANNEL, version);
  }

  /**
   * Reads every key and budget again. One read at a time; calls arriving during a read share the single read
   * that follows it, so a burst of changes costs two reads, not one per change, and the newest read lands last.
   */
  reload(): Promise<void> {
    if (!this.running) {
      this.running = this.load().finally(() => (this.running = undefined));
      return this.running;
    }
    this.pending ??= this.running.then(() => {
      this.pending = undefined;
      return this.reload();
    });
    return this.pending;
  }

  private async load(): Promise<void> {
    try {
      const version = await this.kv.get(KEYS_VERSION_KEY);
      const [keys, budgets] = await Promise.all([this.repository.keys(), this.repository.companyBudgets()]);
      const byHash = new Map<string, KeyRecord>();
      for (const key of keys) if (key.previousSecretHash) byHash.set(key.previousSecretHash, key);
      for (const key of keys) byHash.set(key.secretHash, key);
      this.byHash = byHash;
      this.byName = new Map(keys.map((k) => [k.name, k]));
      this.budgets = new Map(budgets.map((b) => [b.companyId, b]));
      this.version = version;
      for (const listener of this.listeners) listener();
    } catch (error) {
      this.logger.warn(`keys not reloaded, keeping the last copy: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  private async pollVersion(): Promise<void> {
    const version = await this.kv.get(KEYS_VERSION_KEY).catch(() => this.version);
    if (version !== this.version) await this.reload();
  }
}
