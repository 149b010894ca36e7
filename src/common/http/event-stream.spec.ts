import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyReply } from 'fastify';
import { abortOnClientClose } from './event-stream';

/** A server whose handler gets the response once the test says so, and a client that leaves when told. */
async function clientThatLeaves(leaveBeforeHandler: boolean): Promise<{ signal: ReturnType<typeof abortOnClientClose>; leave: () => void; close: () => Promise<void> }> {
  let handed!: (res: ServerResponse) => void;
  const response = new Promise<ServerResponse>((resolve) => (handed = resolve));
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    handed(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', method: 'POST' });
  client.on('error', () => undefined);
  client.end('{}');
  const res = await response;
  const closed = new Promise((resolve) => res.once('close', resolve));
  if (leaveBeforeHandler) {
    client.destroy();
    await closed;
  }
  const signal = abortOnClientClose({ raw: res } as unknown as FastifyReply);
  return {
    signal,
    leave: () => client.destroy(),
    close: async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('abortOnClientClose', () => {
  it('aborts when the client leaves while the request is being served', async () => {
    const { signal, leave, close } = await clientThatLeaves(false);
    try {
      expect(signal.aborted).toBe(false);
      leave();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(signal.aborted).toBe(true);
    } finally {
      await close();
    }
  });

  it('aborts at once when the client had already left before the handler asked, whose close event will not come again', async () => {
    const { signal, close } = await clientThatLeaves(true);
    try {
      expect(signal.aborted).toBe(true);
    } finally {
      await close();
    }
  });
});
