import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { PrismaClient } from 'src/generated/prisma/client';
import { DatabaseConnection } from './database-connection';

/** Property reads that must not build the client: Nest's lifecycle probes, promise checks, inspection. */
const NOT_CLIENT = /^(on[A-Z]|before[A-Z]|then$|constructor$|toJSON$|inspect$)/;

// The instance is the Prisma client itself (a proxy to it), so the class carries the client's type.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface PrismaService extends PrismaClient {}

/**
 * The Prisma client (Rust-free, over `pg`) for whichever Postgres the service runs on, built on the first use
 * of a model or `$` method: its runtime and query-compiler wasm (~45 MB RSS, ~0.3 s) are not loaded by a
 * process that never needs them (a gateway-only deployment reads keys and health through SqlClient).
 * Disconnects last (onApplicationShutdown), after the writers have flushed in beforeApplicationShutdown.
 */
@Injectable()
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PrismaService implements OnApplicationShutdown {
  private client?: PrismaClient;
  private readonly bound = new Map<PropertyKey, unknown>();

  constructor(private readonly connection: DatabaseConnection) {
    return new Proxy(this, {
      get(target, property, receiver) {
        if (typeof property === 'symbol' || property in target || NOT_CLIENT.test(property)) return Reflect.get(target, property, receiver);
        const client = target.loadClient();
        const value = Reflect.get(client, property, client) as unknown;
        if (typeof value !== 'function') return value;
        if (!target.bound.has(property)) target.bound.set(property, (value as (...args: unknown[]) => unknown).bind(client));
        return target.bound.get(property);
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.$disconnect();
  }

  private loadClient(): PrismaClient {
    if (this.client) return this.client;
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { PrismaPg } = require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg');
    const { PrismaClient: Client } = require('src/generated/prisma/client') as typeof import('src/generated/prisma/client');
    /* eslint-enable @typescript-eslint/no-require-imports */
    this.client = new Client({
      adapter: new PrismaPg({
        connectionString: this.connection.url,
        max: this.connection.poolSize,
        connectionTimeoutMillis: 3_000,
        statement_timeout: 15_000,
      }),
    });
    return this.client;
  }
}
