import type Redis from 'ioredis';

/** Runs a registered Lua script with its keys followed by its arguments. */
export type RedisScript = (...keysThenArgs: (string | number)[]) => Promise<unknown>;

/**
 * Registers a Lua script on the client (ioredis defineCommand) and returns its runner. The script travels
 * as EVALSHA (its 40-character hash), and in full only once per connection when the server does not know
 * it yet; with auto-pipelining on, concurrent calls share one write.
 */
export function defineScript(client: Redis, name: string, lua: string, numberOfKeys: number): RedisScript {
  const commands = client as unknown as Record<string, RedisScript>;
  if (typeof commands[name] !== 'function') client.defineCommand(name, { lua, numberOfKeys });
  return (...keysThenArgs) => commands[name](...keysThenArgs);
}
