import { Injectable } from '@nestjs/common';
import { AppConfig, VENDOR_NAMES } from 'src/config';
import { DatabaseConnection, pendingMigrations, SqlClient } from 'src/infra/database';
import { RedisHandle } from 'src/infra/redis';

export interface DatabaseProbe {
  status: 'up' | 'down';
  mode: 'server' | 'embedded';
  latency_ms: number | null;
  pending_migrations: string[] | null;
  error?: string;
}

export interface RedisProbe {
  status: 'up' | 'down' | 'not_configured';
  mode: 'redis' | 'memory' | 'degraded';
  latency_ms: number | null;
}

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

/** Checks the dependencies for the health routes, each bounded by a short timeout. */
@Injectable()
export class DependencyProbeService {
  private migrationsConfirmed = false;

  constructor(
    private readonly sql: SqlClient,
    private readonly connection: DatabaseConnection,
    private readonly redis: RedisHandle,
    private readonly config: AppConfig,
  ) {}

  async database(): Promise<DatabaseProbe> {
    const started = performance.now();
    try {
      await withTimeout(this.sql.query('SELECT 1'), PROBE_TIMEOUT_MS);
      const latency = Math.round((performance.now() - started) * 100) / 100;
      let pending: string[] = [];
      if (!this.migrationsConfirmed) {
        pending = await withTimeout(
          pendingMigrations((sql) => this.sql.query(sql)),
          PROBE_TIMEOUT_MS,
        );
        this.migrationsConfirmed = pending.length === 0;
      }
      return { status: 'up', mode: this.connection.mode, latency_ms: latency, pending_migrations: pending };
    } catch (error) {
      return { status: 'down', mode: this.connection.mode, latency_ms: null, pending_migrations: null, error: (error as Error).message.split('\n')[0].slice(0, 200) };
    }
  }

  async redisStatus(): Promise<RedisProbe> {
    if (!this.redis.configured) return { status: 'not_configured', mode: 'memory', latency_ms: null };
    const latency = await this.redis.ping();
    return { status: latency === null ? 'down' : 'up', mode: this.redis.mode(), latency_ms: latency };
  }

  vendors(): Record<string, { status: 'configured' | 'not_configured'; model?: string }> {
    const configured = new Set(this.config.configuredVendors());
    return Object.fromEntries(
      VENDOR_NAMES.map((v) => [v, { status: configured.has(v) ? 'configured' : 'not_configured', ...(v === 'anthropic' ? { model: this.config.vendors.anthropicModel ?? 'claude-sonnet-5-5' } : {}) }]),
    );
  }
}
