import { ask, chat, startEmulatedGateway, stopEmulatedGateway } from './gateway-harness';
import { bearer } from './setup';

/** Live handles of this process by kind (sockets, servers, timers...), as Node reports them. */
function liveHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Kinds with more live handles now than in `before`. */
function leftOpen(before: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...liveHandles()].filter(([kind, n]) => n > (before.get(kind) ?? 0)).map(([kind, n]) => [kind, n - (before.get(kind) ?? 0)]));
}

describe('Closing the app (real Postgres, Redis and the vendor emulator)', () => {
  it('leaves no socket, server or timer of its own behind, so jest needs no forceExit', async () => {
    const before = liveHandles();
    const { emulator, app } = await startEmulatedGateway({ chunkDelayMs: 1 });
    try {
      expect((await chat(app, { model: 'gpt-4o-mini', messages: ask('hola') })).status).toBe(200);
      expect((await chat(app, { model: 'gpt-4o-mini', stream: true, messages: ask('hola') })).status).toBe(200);
      expect((await app.http.post('/api/chat').set(bearer()).send({ message: '¿Cómo anulo una factura?', session_id: 'chat_2_9f1c2b7a' })).status).toBe(200);
      expect((await app.http.get('/metrics/costs').set(bearer())).status).toBe(200);
    } finally {
      await stopEmulatedGateway(app, emulator);
    }
    // Closing sockets finish on the next turns of the event loop.
    const deadline = Date.now() + 5_000;
    while (Object.keys(leftOpen(before)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(leftOpen(before)).toEqual({});
  });
});
