import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * Opens an ioredis client that never queues commands while disconnected (they fail at once, so callers fall
 * back instead of hanging) and reconnects by itself forever with a capped delay. `keyPrefix` namespaces every key
 * (Lua KEYS included), so deployments or test runs sharing one Redis never see each other's state.
 */
export function createRedisClient(url: string, name: string, logger = new Logger('Redis'), keyPrefix = '', autoPipelining = false): Redis {
  const client = new Redis(url, {
    ...(keyPrefix ? { keyPrefix } : {}),
    // Commands issued in the same event-loop turn (many requests' limit checks) leave in one write.
    enableAutoPipelining: autoPipelining,
    connectionName: `odoo-ai-gateway:${name}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
    reconnectOnError: () => true,
  });
  let wasReady = false;
  client.on('ready', () => {
    if (wasReady) logger.log(`Redis (${name}) reconnected`);
    wasReady = true;
  });
  client.on('error', (error: Error) => {
    if (wasReady) logger.warn(`Redis (${name}) unavailable: ${error.message}`);
  });
  client.on('end', () => undefined);
  return client;
}

/** Waits until the client is ready or the timeout passes; false when Redis did not answer. */
export async function waitReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const onReady = () => done(true);
    function done(ok: boolean) {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ok);
    }
    client.on('ready', onReady);
  });
}
